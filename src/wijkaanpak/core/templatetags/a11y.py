"""Accessibility helpers used by every template.

``{% tablescroll "name" %}<table><caption id="{{ caption_id }}">…</caption>…</table>{% endtablescroll %}``
wraps a wide table in the one kind of scroll box the site has: focusable (keyboard users can
scroll it), ``role="region"`` and named by the table's caption, so a screen reader announces
what the focused box is. Extra arguments make the id unique inside a loop
(``{% tablescroll "theme" forloop.counter %}``). A last bare word ``hint`` adds the scroll hint
(a shadow at each edge that still has columns behind it) for tables known to be wide.

``{{ idea.title|nl }}`` marks text that residents and staff typed (it is Dutch) as
``lang="nl"`` when the page is in another language, so screen readers pronounce it as Dutch
(WCAG 3.1.2).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language

register = template.Library()

#: The language of what people type into the platform (the UI's source language).
CONTENT_LANGUAGE = settings.LANGUAGE_CODE


class TableScrollNode(template.Node):
    def __init__(
        self,
        parts: list[template.base.FilterExpression],
        nodelist: template.NodeList,
        hint: bool = False,
    ):
        self.parts = parts
        self.nodelist = nodelist
        self.css_class = "table-scroll scroll-hint" if hint else "table-scroll"

    def render(self, context: template.Context) -> str:
        base = "-".join(slugify(str(part.resolve(context))) for part in self.parts)
        caption_id = f"{base}-caption"
        with context.push(caption_id=caption_id):
            inner = self.nodelist.render(context)
        return format_html(
            '<div class="{}" tabindex="0" role="region" aria-labelledby="{}">{}</div>',
            self.css_class,
            caption_id,
            inner,
        )


@register.tag
def tablescroll(parser: template.base.Parser, token: template.base.Token) -> TableScrollNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% tablescroll %} needs a name for the caption id")
    hint = len(bits) > 2 and bits[-1] == "hint"
    parts = [parser.compile_filter(bit) for bit in bits[1 : -1 if hint else None]]
    nodelist = parser.parse(("endtablescroll",))
    parser.delete_first_token()
    return TableScrollNode(parts, nodelist, hint=hint)


def _is_content_language() -> bool:
    return (get_language() or CONTENT_LANGUAGE).split("-")[0] == CONTENT_LANGUAGE


@register.filter(needs_autoescape=True)
def nl(value, autoescape: bool = True) -> str:
    """Text somebody typed (Dutch), wrapped in ``<span lang="nl">`` on a page in another
    language. Not for ``<title>``, ``<option>`` or SVG text (no markup allowed there)."""
    text = conditional_escape(value) if autoescape else value
    if value in (None, "") or _is_content_language():
        return mark_safe(text)  # noqa: S308 - escaped above
    return format_html('<span lang="{}">{}</span>', CONTENT_LANGUAGE, text)
