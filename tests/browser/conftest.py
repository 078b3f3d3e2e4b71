"""Checks that every browser test runs on the pages it visits, beyond what axe-core sees.

- **Reflow** (WCAG 1.4.10): no sideways scrolling of the page at 390 px (a phone) and 320 px
  (the criterion's width). Measured as ``documentElement.scrollWidth > clientWidth``: in phone
  emulation ``innerWidth`` grows with the page and hides the problem. A wide table may scroll
  inside its own box; the page may not. ``assert_no_axe_violations`` runs this check on every
  page it is called on, and the ``page`` / ``phone_page`` fixtures re-check, after the test,
  every other page the test visited (opened again at 390 and 320 px with the same cookies).
- **Table scroll boxes** (WCAG 2.1.1, 4.1.2): a focusable scroll box has ``role="region"`` and
  a name (the table's caption).
- **Focus ring** (WCAG 1.4.11): computed from the styles, 3:1 against what is next to it.
- **Error summary focus** (WCAG 2.4.3): after an invalid submit, focus is on the summary.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

REFLOW_WIDTHS = (390, 320)

_SCROLL_JS = """() => {
  const d = document.documentElement;
  const W = d.clientWidth;
  // What sticks out: elements whose right edge is beyond the page and not inside a scroll box
  // that clips them (for the message only).
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right <= W + 0.5 || r.width === 0) continue;
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' && p.getBoundingClientRect().right <= W + 0.5) {
        // Clipped only if p is the containing block chain of el (absolute elements escape
        // non-positioned scroll boxes); good enough for a message.
        clipped = getComputedStyle(el).position !== 'absolute' || s.position !== 'static';
        break;
      }
    }
    if (!clipped && out.length < 5) {
      out.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
        ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '')
        + ' (right edge ' + Math.round(r.right) + ' px): ' + (el.textContent || '').trim().slice(0, 50));
    }
  }
  return {scrollWidth: d.scrollWidth, clientWidth: W, offenders: out};
}"""


def sideways_scroll(page, width: int) -> dict:
    """The page's overflow at ``width`` CSS px (viewport resized, then restored)."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": before["height"] if before else 844})
    try:
        return page.evaluate(_SCROLL_JS)
    finally:
        if before:
            page.set_viewport_size(before)


def assert_no_sideways_scroll(page, widths=REFLOW_WIDTHS) -> None:
    problems = []
    for width in widths:
        m = sideways_scroll(page, width)
        if m["scrollWidth"] > m["clientWidth"]:
            problems.append(
                f"{width} px: the page is {m['scrollWidth'] - m['clientWidth']} px too wide; "
                + "; ".join(m["offenders"])
            )
    checked = getattr(page, "reflow_checked", None)
    if checked is not None:
        checked.add(page.url.split("#")[0])
    assert not problems, f"Sideways scrolling on {page.url}:\n" + "\n".join(problems)


_REGIONS_JS = """() => [...document.querySelectorAll('.table-scroll, [tabindex]')]
  .filter(el => el.classList.contains('table-scroll')
    || (el.tabIndex >= 0 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
        && !['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)))
  .map(el => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const name = ids.map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim()
      || (el.getAttribute('aria-label') || '').trim();
    return {html: el.outerHTML.slice(0, 120), role: el.getAttribute('role'), tabindex: el.getAttribute('tabindex'), name};
  })"""


def assert_table_scroll_regions_named(page) -> list[dict]:
    """Every table scroll box is focusable, a region, and named."""
    boxes = page.evaluate(_REGIONS_JS)
    bad = [b for b in boxes if b["role"] != "region" or not b["name"] or b["tabindex"] != "0"]
    assert not bad, f"Scroll boxes without role=region, name or tabindex on {page.url}: {bad}"
    return boxes


def _lum(rgb) -> float:
    def ch(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(a, b) -> float:
    hi, lo = sorted((_lum(a), _lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


_FOCUS_JS = """() => {
  const rgb = s => { const m = (s || '').match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(x => parseFloat(x)); return (p.length > 3 && p[3] === 0) ? null : p.slice(0, 3); };
  const backdrop = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const c = rgb(getComputedStyle(p).backgroundColor); if (c) return c; } return [255, 255, 255]; };
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]';
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    el.focus();
    if (document.activeElement !== el) continue;
    const s = getComputedStyle(el);
    out.push({what: el.outerHTML.slice(0, 90), visible: el.matches(':focus-visible'),
      style: s.outlineStyle, width: parseFloat(s.outlineWidth), outline: rgb(s.outlineColor),
      halo: rgb(s.boxShadow), backdrop: backdrop(el)});
    el.blur();
  }
  return out;
}"""


def assert_focus_ring_contrast(page) -> list[dict]:
    """Focus every focusable element (after a key press, so :focus-visible applies as for a
    keyboard user) and compute its ring's contrast from the computed styles: the ring passes
    when its outline has 3:1 against the background behind the element, or when an inner halo
    (box-shadow) has 3:1 against that background and the outline has 3:1 against the halo."""
    page.keyboard.press("Shift")
    rings = page.evaluate(_FOCUS_JS)
    assert rings, "nothing focusable"
    bad = []
    for ring in rings:
        ok = ring["visible"] and ring["style"] not in ("none", "hidden") and ring["width"] >= 2
        if ok and ring["outline"] is not None:
            ratio = contrast(ring["outline"], ring["backdrop"])
            if ratio < 3:
                halo = ring["halo"]
                ok = (
                    halo is not None
                    and contrast(halo, ring["backdrop"]) >= 3
                    and contrast(ring["outline"], halo) >= 3
                )
            ring["ratio"] = round(ratio, 2)
        else:
            ok = False
        if not ok:
            bad.append(ring)
    assert not bad, f"Focus rings below 3:1 on {page.url}: {bad[:5]}"
    return rings


def assert_focus_on_error_summary(page) -> None:
    expect(page.locator(".error-summary").first).to_be_focused()


# --- every page a test visits is checked for reflow -------------------------------------------


def _recheck_visited(browser, page) -> None:
    """Open every page the test visited but did not check, at 390 and 320 px, with the same
    cookies (a logged-in user sees the same page)."""
    todo = [u for u in dict.fromkeys(page.visited) if u not in page.reflow_checked]
    if not todo:
        return
    state = page.context.storage_state()
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 390, "height": 844}, storage_state=state
    )
    try:
        check = context.new_page()
        check.set_default_timeout(10_000)
        for url in todo:
            response = check.goto(url)
            if response is None or "text/html" not in (response.headers.get("content-type") or ""):
                continue
            assert_no_sideways_scroll(check)
    finally:
        context.close()


def _track(page) -> None:
    page.visited = []
    page.reflow_checked = set()
    page.on("load", lambda p: page.visited.append(p.url.split("#")[0]))


@pytest.fixture
def page(page, browser, request):
    _track(page)
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.passed:
        _recheck_visited(browser, page)


@pytest.fixture
def phone_page(phone_page, browser, request):
    _track(phone_page)
    yield phone_page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.passed:
        _recheck_visited(browser, phone_page)
