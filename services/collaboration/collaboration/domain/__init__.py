"""The rules of the Lab, the library and surveys, and the models they act on."""
