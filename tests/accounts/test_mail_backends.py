import io

from django.core.mail import EmailMultiAlternatives, get_connection

LINK = "https://forlob.example.dk/konto/invitation/Zm9vYmFy=qq-" + "x" * 90 + "/"


def test_console_mail_shows_subject_recipients_and_the_text_body_as_written():
    stream = io.StringIO()
    message = EmailMultiAlternatives(
        "Du er inviteret af Ib & Bø",
        f"Hej Åse\n\nTag imod invitationen her:\n{LINK}\n",
        "Forløbsportalen <noreply@example.dk>",
        ["aase@example.dk", "bo@example.dk"],
        connection=get_connection("accounts.mail_backends.ReadableConsoleBackend", stream=stream),
    )
    message.attach_alternative("<p>Hej Åse</p>", "text/html")

    message.send()

    printed = stream.getvalue()
    assert "Subject: Du er inviteret af Ib & Bø\n" in printed
    assert "To: aase@example.dk, bo@example.dk\n" in printed
    assert "Hej Åse\n" in printed
    assert f"\n{LINK}\n" in printed
    assert "=3D" not in printed and "=\n" not in printed
    assert "[text/html part," in printed
    assert "<p>" not in printed
