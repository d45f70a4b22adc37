"""Events: Q's programme of events, and later registrations, posts and comments."""
