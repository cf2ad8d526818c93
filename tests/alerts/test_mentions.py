"""Issue 11, item 5: mention bait in scraped text pings nobody, on any channel that reaches a
chat service (Slack directly; Discord, Telegram, Teams, Matrix through Apprise)."""
from __future__ import annotations

import re

import pytest

from alerts.channels.apprise_channel import AppriseChannel
from alerts.mentions import WJ, neutralise
from alerts.render import render_text, slack_alert_blocks, slack_escape, slack_fallback_text
from tests.alerts.conftest import make_alert
from tests.support.servers import WebhookServer

# (family, bait, the token that must not survive as typed)
BAIT = [
    ("slack", "<!channel> look", "<!channel>"), ("slack", "<!here>", "<!here>"),
    ("slack", "<!subteam^S123>", "<!subteam"), ("slack", "<@U12345> said", "<@U"),
    ("slack", "@channel and @here", "@channel"),
    ("discord", "@everyone NATO", "@everyone"), ("discord", "@here now", "@here"),
    ("discord", "<@123456789012345678>", "<@1"), ("discord", "<@!123456789012345678>", "<@!"),
    ("discord", "<@&987654321>", "<@&"), ("discord", "<#555>", "<#5"),
    ("telegram", "спасибо @durov и @пул", "@durov"), ("telegram", "@пул", "@пул"),
    ("teams", "<at>Everyone</at> read this", "<at>"),
    ("matrix", "@room the president", "@room"), ("matrix", "@alice:matrix.org", "@alice"),
    ("any", "＠everyone", "＠everyone"),
]


@pytest.mark.parametrize("family,bait,token", BAIT)
def test_each_familys_mentions_are_defused(family: str, bait: str, token: str) -> None:
    out = neutralise(bait)
    assert token not in out, (family, out)
    assert out.replace(WJ, "") == bait, "only invisible word joiners are added"


def test_addresses_and_urls_are_left_alone() -> None:
    text = "write to press@president.gov.by or see https://t.me/@pul_1 and https://x.example/a?u=@b"
    assert neutralise(text) == text


def test_apprise_receives_defused_text() -> None:
    msg = make_alert(quote_text="@everyone @here <@123> <at>All</at> @room @durov NATO is close",
                     speaker="Evil @everyone", source_name="<!channel>")
    with WebhookServer() as server:
        AppriseChannel(f"json://127.0.0.1:{server.port}/hook").send(msg)
        body = server.wait_for(1)[0].json
    for field in ("title", "message"):
        text = body[field]
        assert not re.search(r"(?<![\w\u2060])@(everyone|here|room|durov)\b", text), text
        assert "<@1" not in text and "<at>" not in text and "<!channel>" not in text, text
    assert "NATO is close" in body["message"]


def test_slack_renderings_are_defused() -> None:
    """Slack's own tokens: escaped angle brackets, a word joiner in @channel/@here/@everyone."""
    msg = make_alert(quote_text="@everyone <!here> <@U1> @channel NATO", speaker="@here")
    texts = [slack_fallback_text(msg), str(slack_alert_blocks(msg)), slack_escape("<!channel> @everyone")]
    for text in texts:
        assert not re.search(r"(?<![\w\u2060])@(everyone|here|channel)\b", text), text
        assert "<!here>" not in text and "<@U1>" not in text and "<!channel>" not in text


def test_email_text_is_unchanged() -> None:
    """Email has no mentions: its text part shows the quote exactly (HTML is escaped)."""
    msg = make_alert(quote_text="@everyone, write to press@president.gov.by")
    assert "@everyone, write to press@president.gov.by" in render_text(msg)
