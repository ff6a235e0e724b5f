"""End to end in a real browser: Debian's Chromium, headless, against `reporttool serve` on 127.0.0.1.
Each test saves screenshots into tests/screenshots-web/ (ignored by git) to be looked at."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.web_browser import Server, chromium, downloaded, wait_for
from tests.workbooks import set_cell, set_field, valid_sheets, write_workbook

SHOTS = ROOT / "tests" / "screenshots-web"
EXAMPLE, CLIENTS = ROOT / "examples" / "briefing.xlsx", ROOT / "examples" / "clients.xlsx"
XSS = '<script>document.body.dataset.pwned = "1"</script>'
ATTR = '" onmouseover="document.body.dataset.pwned=1" x="'
IMG = '<img src=x onerror="document.body.dataset.pwned=1">'


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("web") / "data", "--jobs", "2")
    yield server
    err = server.stop()
    assert "Traceback" not in err, err


@pytest.fixture
def browser(server, tmp_path):
    SHOTS.mkdir(exist_ok=True)
    driver = chromium(tmp_path)
    driver.get(server.url)
    assert "token" not in driver.current_url  # the link's token went into a cookie
    yield driver
    driver.quit()


def shot(driver, name: str) -> None:
    driver.set_window_size(1280, max(1000, driver.execute_script("return document.body.scrollHeight") + 40))
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def drop(driver, path: Path, kind: str = "briefing") -> None:
    """Pick the file in the drop zone: its change event submits it, as dropping does."""
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f"form[data-drop] input[name=kind][value={kind}] ~ label input[type=file]"
                        ).send_keys(str(path))
    wait_for(lambda: "/check/" in driver.current_url)
    wait_for(lambda: driver.find_element(By.ID, "verdict"))


def test_the_example_has_no_problems_shows_its_preview_and_downloads_its_docx(browser, tmp_path):
    from docx import Document
    from selenium.webdriver.common.by import By

    from reporttool.workbook.load import read_briefing

    drop(browser, EXAMPLE)
    verdict = browser.find_element(By.ID, "verdict").text
    assert "Ready to build: no errors" in verdict
    assert not browser.find_elements(By.ID, "problems")
    frame = browser.find_element(By.ID, "preview")
    browser.switch_to.frame(frame)
    preview_text = wait_for(lambda: browser.find_element(By.TAG_NAME, "body").text)
    browser.switch_to.default_content()
    briefing = read_briefing(EXAMPLE).value
    assert briefing.title in preview_text
    assert all(t.text in preview_text for t in briefing.takeaways) and all(r.id in preview_text for r in briefing.risks)
    shot(browser, "1-example-ready")
    browser.find_element(By.CSS_SELECTOR, "a[data-format=docx]").click()
    document = Document(str(downloaded(tmp_path, "RT-2025-014.docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert briefing.title in text and all(t.text in text for t in briefing.takeaways)


def test_a_broken_workbook_shows_each_error_at_its_cell_and_a_redrop_what_is_fixed(browser, tmp_path):
    import json
    import subprocess

    from selenium.webdriver.common.by import By

    from tests.conftest import CLI

    sheets = set_cell(valid_sheets(), "Risks", "Likelihood", 9)
    set_cell(sheets, "Events", "Date", "someday")
    set_cell(sheets, "Sources", "URL", "javascript:alert(1)")
    path = write_workbook(tmp_path / "broken.xlsx", sheets)
    drop(browser, path)
    assert "Not ready: 3 error(s)" in browser.find_element(By.ID, "verdict").text
    rows = browser.find_elements(By.CSS_SELECTOR, "table.issues tbody tr")
    shown = {(r.find_element(By.CSS_SELECTOR, "td.cell").text, r.find_elements(By.TAG_NAME, "td")[4].text)
             for r in rows}
    report = json.loads(subprocess.run([str(CLI), "validate", "--format", "json", str(path)], capture_output=True,
                                       text=True).stdout)
    for item in report["issues"]:
        cell = item["location"].split("!")[1]
        assert any(c == cell and item["message"] in problem and item["code"] in problem for c, problem in shown)
    shot(browser, "2-broken-workbook")
    set_cell(sheets, "Risks", "Likelihood", 3)
    browser.get(browser.current_url)
    drop(browser, write_workbook(tmp_path / "broken.xlsx", sheets))
    changes = browser.find_element(By.ID, "changes").text
    assert "1 fixed" in changes and "2 left" in changes
    shot(browser, "3-redrop")


def test_the_example_batch_runs_to_its_end_and_a_client_zip_holds_its_files(browser, server, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(server.base + "packs")
    browser.find_element(By.CSS_SELECTOR, "input[name=manifest]").send_keys(str(CLIENTS))
    browser.find_element(By.CSS_SELECTOR, "input[name=briefings]").send_keys(str(EXAMPLE))
    browser.find_element(By.CSS_SELECTOR, "form.packs button[type=submit]").click()
    start = wait_for(lambda: browser.find_element(By.ID, "start"))
    plan = browser.find_element(By.ID, "plan")
    assert "RT-2025-014" in plan.text and "left out: why?" in plan.text
    browser.find_element(By.CSS_SELECTOR, "#plan details summary").click()
    assert "(the client's: " in browser.find_element(By.CSS_SELECTOR, "#plan details ul").text
    shot(browser, "4-plan")
    start.click()
    seen, shots = [], []

    def finished():
        found = browser.find_elements(By.CSS_SELECTOR, "[data-counts]")
        if found and found[0].text not in seen[-1:]:
            seen.append(found[0].text)
            if not shots and not found[0].text.startswith(("0 of", "Starting")):
                shots.append(found[0].text)
                shot(browser, "5-progress")
        return browser.find_elements(By.ID, "results")

    wait_for(finished, timeout=180, step=0.02)
    total = len(browser.find_elements(By.CSS_SELECTOR, "#plan tbody tr"))
    assert any(text.startswith(f"{total} of {total} packs") for text in seen), seen
    assert f"Finished: {total} built, 0 unchanged, 0 failed" in browser.find_element(By.ID, "verdict").text
    shot(browser, "6-results")
    link = browser.find_element(By.CSS_SELECTOR, "a[data-zip]")
    folder = link.get_attribute("data-zip")
    files = [a.text for a in link.find_element(By.XPATH, "../..").find_elements(By.CSS_SELECTOR, "td:nth-child(5) a")]
    link.click()
    with zipfile.ZipFile(downloaded(tmp_path, f"{folder}.zip")) as z:
        assert sorted(z.namelist()) == sorted(files) and files
    browser.get(server.base + "runs")
    assert f"{total}" in browser.find_element(By.ID, "runs").text and "clients.xlsx" in browser.page_source
    shot(browser, "9-past-runs")


def test_an_xss_workbook_runs_no_script_in_the_page_or_the_preview(browser, tmp_path):
    from selenium.webdriver.common.by import By

    def untouched() -> None:
        for cell in browser.find_elements(By.CSS_SELECTOR, "main td, main h1, main p"):
            browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", cell)
        assert browser.execute_script("return document.body.dataset.pwned") is None
        assert not browser.find_elements(By.CSS_SELECTOR, "main img, main script")

    sheets = valid_sheets()
    set_field(sheets, "Title", XSS + ATTR)
    set_cell(sheets, "Takeaways", "Takeaway", IMG)
    set_cell(sheets, "Risks", "Risk", XSS)
    drop(browser, write_workbook(tmp_path / "hostile.xlsx", sheets))
    assert "Ready" in browser.find_element(By.ID, "verdict").text
    untouched()
    browser.switch_to.frame(browser.find_element(By.ID, "preview"))
    wait_for(lambda: browser.find_element(By.TAG_NAME, "body").text)
    assert browser.execute_script("return document.body.dataset.pwned") is None
    assert not browser.find_elements(By.CSS_SELECTOR, "script, img[src=x]")
    browser.switch_to.default_content()
    shot(browser, "7-xss-valid")
    set_cell(sheets, "Risks", "Likelihood", IMG)
    set_cell(sheets, "Events", "Date", XSS)
    drop(browser, write_workbook(tmp_path / "hostile-broken.xlsx", sheets))
    found = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "td.found")]
    assert IMG in found and XSS in found  # shown as the text the analyst typed
    untouched()
    shot(browser, "8-xss-problems")
