"""Read a rendered page's form the way a browser would submit it."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None
        self._template_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._template_depth += 1
        if self._template_depth:
            return
        if tag == "form":
            self._form = {"attrs": attrs, "fields": []}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "reset"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._form["fields"].append(
                (
                    name,
                    attrs.get("value", "on" if attrs.get("type") in ("checkbox", "radio") else ""),
                )
            )
        elif tag == "select" and name:
            self._select = {"name": name, "value": None, "first": None}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value")
            self._option = value
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["value"] = value
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}

    def handle_endtag(self, tag):
        if tag == "template":
            self._template_depth -= 1
            return
        if self._template_depth or self._form is None:
            return
        if tag == "select" and self._select is not None:
            value = self._select["value"]
            if value is None:
                value = self._select["first"] or ""
            self._form["fields"].append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            # A browser drops the newline that follows the opening tag.
            self._form["fields"].append((self._textarea["name"], text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data):
        if self._textarea is not None and not self._template_depth:
            self._textarea["text"] += data


def posted_form(html: str, *, containing: str | None = None) -> dict[str, list[str]]:
    """The fields of the page's POST form that has a field named `containing` (by default its
    largest one: the language switch and log-out are forms too), as name → list of values."""
    reader = _FormReader()
    reader.feed(html)
    forms = [f for f in reader.forms if f["attrs"].get("method", "get").lower() == "post"]
    if containing is not None:
        form = next(f for f in forms if any(name == containing for name, _v in f["fields"]))
    else:
        form = max(forms, key=lambda f: len(f["fields"]))
    data: dict[str, list[str]] = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    return data
