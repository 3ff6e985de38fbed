from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend


class ReadableConsoleBackend(ConsoleEmailBackend):
    """Prints each e-mail as a person would read it: subject, recipients and the text body.

    Django's console backend prints the encoded message, where the quoted-printable body
    breaks links over lines and writes `=3D` for `=`; a developer must be able to copy a link.
    Other parts (HTML, attachments) are named, not printed.
    """

    def write_message(self, message):
        lines = [f"From: {message.from_email}", f"To: {', '.join(message.to)}"]
        if message.cc:
            lines.append(f"Cc: {', '.join(message.cc)}")
        if message.bcc:
            lines.append(f"Bcc: {', '.join(message.bcc)}")
        if message.reply_to:
            lines.append(f"Reply-To: {', '.join(message.reply_to)}")
        lines += [f"Subject: {message.subject}", "", str(message.body).rstrip("\n"), ""]
        for alternative in getattr(message, "alternatives", []):
            lines.append(f"[{alternative[1]} part, {len(alternative[0])} characters, not shown]")
        for attachment in message.attachments:
            name = getattr(attachment, "filename", None) or attachment.get_filename()
            lines.append(f"[attachment: {name}]")
        self.stream.write("\n".join(lines) + "\n" + "-" * 79 + "\n")
