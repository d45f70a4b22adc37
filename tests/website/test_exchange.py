"""A member writes a post with a preview, it is published, and members comment and flag."""

from typing import Any

import requests

from tests.website.browser import visitor
from tests.website.people import as_staff, log_in, member
from tests.website.site import Site

TITLE = "What we learnt from a year of sepsis screening"


def test_a_member_writes_a_post_others_comment_and_one_flags_a_comment(
    site: Site, browser: Any
) -> None:
    asha, ben = member(site, "Asha Patel"), member(site, "Ben Okafor")
    with visitor(browser, site.url) as author, visitor(browser, site.url) as reader:
        log_in(author, asha.email)
        author.follow("Exchange")
        author.follow("Write a post")
        author.fill("Title", TITLE)
        author.fill("Post", "Screening **every** patient at triage\n\n<script>x()</script>")
        author.press("Preview")
        assert author.page.inner_html("#preview").count("<strong>every</strong>") == 1
        assert "<script>" not in author.page.inner_html("#preview")
        author.press("Send to the team")
        assert author.heading() == "My posts"
        assert "submitted" in author.text()

        mine = requests.get(f"{site.url}/events/posts/mine", headers=asha.headers, timeout=10)
        [post] = mine.json()
        as_staff(site, "POST", f"/events/posts/{post['id']}/publish")

        log_in(reader, ben.email)
        reader.follow("Exchange")
        reader.follow(TITLE)
        assert "Asha Patel" in reader.text()
        reader.press("Post comment")
        assert "text" in reader.errors_named()
        reader.fill("Your comment", "Thank you, we are starting the same in Liverpool.")
        reader.press("Post comment")
        assert "Ben Okafor" in reader.page.inner_text("#comments")
        assert ben.email not in reader.text()
        thread = reader.page.locator("#comments")
        assert thread.get_by_role("link", name="comments policy").is_visible()

        author.go(f"/exchange/posts/{post['id']}")
        author.press("Flag this comment by Ben Okafor")
        assert "The team will look at the comment." in author.text()
        flagged = as_staff(site, "GET", "/events/comments/flagged")
        assert [c["author_name"] for c in flagged] == ["Ben Okafor"]


def test_a_visitor_reads_a_post_but_not_its_comments(site: Site, browser: Any) -> None:
    chidi = member(site, "Chidi Writer")
    draft = {"title": "Notes from a site visit", "kind": "news", "pillar": "learn", "body": "Hi"}
    post = requests.post(f"{site.url}/events/posts", json=draft, headers=chidi.headers, timeout=10)
    assert post.status_code == 201, post.text
    submitted = f"{site.url}/events/posts/{post.json()['id']}/submit"
    assert requests.post(submitted, headers=chidi.headers, timeout=10).status_code == 200
    as_staff(site, "POST", f"/events/posts/{post.json()['id']}/publish")
    with visitor(browser, site.url, width=360) as person:
        person.go("/exchange")
        person.follow("Notes from a site visit")
        assert "Chidi Writer" in person.text()
        assert "Log in to read and write comments." in person.text()
