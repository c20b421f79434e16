#!/usr/bin/env python3
"""The page at / in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by Selenium, against a running `lede serve --http-addr`.

    python tests/browser/page_check.py --url http://127.0.0.1:8080 [--token T] [--screenshots target]

It pastes the seed article, runs the analysis and checks what a reader sees:
Maria Zakharova highlighted as a person with every mention (pronouns too),
the four direct quotes listed with their speakers, three summary sentences
marked in the text. With --token (a server started with a token) it first
checks that the page asks for the token. It also checks that the server's
error message is shown, that the entity list works from the keyboard, that
an HTML file opened with the file button is read in its own character set,
and that the page fits 360 px. Screenshots go to --screenshots (page.png, the
results; page-form.png; page-360.png). Exits non-zero on the first failed check.
"""

from __future__ import annotations

import argparse
import base64
import json
import pathlib
import sys
import tempfile
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
# The machine is offline: without these Chromium tries to reach Google.
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
]


def check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)
    print(f"  ok  {what}")


def api(url: str, path: str, body: dict, token: str | None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url + path, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=60) as res:
        return json.load(res)


def browser(chromium: str, driver: str, profile: str) -> webdriver.Chrome:
    options = Options()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={profile}", "--window-size=1280,1500"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def paste(driver: webdriver.Chrome, text: str) -> None:
    """Types the text into the article box the way a paste does (one input event)."""
    area = driver.find_element(By.ID, "article")
    area.click()
    area.send_keys(Keys.CONTROL, "a")
    area.send_keys(Keys.DELETE)
    driver.execute_cdp_cmd("Input.insertText", {"text": text})


def run_and_wait(driver: webdriver.Chrome) -> None:
    driver.find_element(By.ID, "run").click()
    WebDriverWait(driver, 60).until(
        lambda d: d.find_element(By.ID, "status").text.startswith("Analyzed")
        or d.find_element(By.ID, "error").is_displayed()
    )


def screenshot(driver: webdriver.Chrome, path: pathlib.Path, full_page: bool) -> None:
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page})
    path.write_bytes(base64.b64decode(shot["data"]))
    print(f"  screenshot {path}")


def page_checks(driver: webdriver.Chrome, url: str, token: str | None, seed: str, shots: pathlib.Path) -> None:
    js = driver.execute_script
    driver.get(url + "/")
    check(driver.title.startswith("Lede"), "the page loads from the server")

    if token:
        paste(driver, seed)
        run_and_wait(driver)
        error = driver.find_element(By.ID, "error")
        check(error.is_displayed() and "HTTP 401" in error.text, f"without a token the server's 401 is shown: {error.text!r}")
        check(driver.find_element(By.ID, "token-box").is_displayed(), "the page asks for a token")
        check(driver.switch_to.active_element.get_attribute("id") == "token", "the token field has the focus")
        driver.find_element(By.ID, "token").send_keys(token)

    # An empty article: the server refuses it, and the page says why.
    paste(driver, "   ")
    run_and_wait(driver)
    error = driver.find_element(By.ID, "error")
    check(error.is_displayed() and "INVALID_ARGUMENT" in error.text and "document.content" in error.text,
          f"the server's error message is shown: {error.text!r}")

    paste(driver, seed)
    run_and_wait(driver)
    check(not driver.find_element(By.ID, "error").is_displayed(), "the seed article is analyzed")
    check(driver.find_element(By.ID, "meta-title").text != "", "the metadata card has a title")

    # The answer the page drew, from the API directly, to compare counts with.
    expected = api(url, "/v1/articles:analyze",
                   {"document": {"content": seed}, "encodingType": "ENCODING_TYPE_UTF16"}, token)

    # Maria Zakharova, a person, with all her mentions.
    index = next(i for i, e in enumerate(expected["entities"]) if e["name"] == "Maria Zakharova")
    entity = expected["entities"][index]
    check(entity["type"] == "ENTITY_TYPE_PERSON", "the API calls Maria Zakharova a person")
    runs = driver.find_elements(By.CSS_SELECTOR, f'#text .m[data-e="{index}"]')
    mentions = {r.get_attribute("data-m") for r in runs}
    check(len(mentions) == len(entity["mentions"]) >= 3,
          f"her {len(entity['mentions'])} mentions are highlighted in the text ({len(mentions)} found)")
    check(all("t-PERSON" in r.get_attribute("class") for r in runs), "each is highlighted as a person")
    colour = js("return getComputedStyle(arguments[0]).backgroundColor", runs[0])
    check(colour not in ("rgba(0, 0, 0, 0)", "transparent"), f"the person colour shows ({colour})")
    pronouns = [m["text"] for m in entity["mentions"] if m["type"] == "MENTION_TYPE_PRONOUN"]
    texts = {r.text for r in runs}
    check(bool(pronouns) and all(p in texts for p in pronouns), f"her pronoun mentions are marked too: {pronouns}")

    # Hovering a mention shows the canonical name, type and salience.
    webdriver.ActionChains(driver).move_to_element(runs[-1]).perform()
    tip = driver.find_element(By.ID, "tip")
    check(tip.is_displayed() and "Maria Zakharova" in tip.text and "Person" in tip.text and "salience" in tip.text,
          f"hovering shows name, type and salience: {tip.text!r}")

    # Selecting her from the keyboard marks every mention.
    button = driver.find_element(By.CSS_SELECTOR, f'#entity-list button[data-e="{index}"]')
    js("arguments[0].focus()", button)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    check(button.get_attribute("aria-pressed") == "true", "Enter on her entity button selects her")
    selected = {r.get_attribute("data-m") for r in driver.find_elements(By.CSS_SELECTOR, "#text .m.sel")}
    check(selected == mentions, "selecting her marks all her mentions and only hers")
    detail = driver.find_element(By.ID, "entity-detail")
    check("Maria Zakharova" in detail.text and "pronoun" in detail.text, "the detail panel names her and her pronouns")

    # The four direct quotes, each with its speaker.
    direct = [q for q in expected["quotes"] if q["type"] == "QUOTE_TYPE_DIRECT"]
    items = driver.find_elements(By.CSS_SELECTOR, '#quote-list li[data-type="direct"]')
    speakers = [i.find_element(By.CLASS_NAME, "speaker").text for i in items]
    check(len(items) == len(direct) == 4, f"the four direct quotes are listed ({len(items)})")
    check(speakers == [q["speakerName"] for q in direct] and "Maria Zakharova" in speakers,
          f"with their speakers: {speakers}")
    quoted = {r.get_attribute("data-q") for r in driver.find_elements(By.CSS_SELECTOR, "#text .q")}
    check(len(quoted) >= len(expected["quotes"]) - 1, "the quotes are marked in the text")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#text .spk")) > 0
          and len(driver.find_elements(By.CSS_SELECTOR, "#text .cue")) > 0, "speakers and cues are marked")

    # Three summary sentences marked, in the text and beside it.
    marked = {r.get_attribute("data-s") for r in driver.find_elements(By.CSS_SELECTOR, "#text .sum")}
    check(len(marked) == 3 == len(expected["summary"]["sentences"]), f"three summary sentences are marked ({len(marked)})")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#summary-list li")) == 3, "and listed")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#text .kp")) > 0, "key phrases are marked")

    js("window.scrollTo(0, 0)")
    screenshot(driver, shots / "page-form.png", full_page=False)
    # The results, with her selected and a mention's details showing.
    show_results(driver)
    webdriver.ActionChains(driver).move_to_element(runs[1]).perform()
    screenshot(driver, shots / "page.png", full_page=False)

    # An HTML file, opened with the file button: sent as its bytes (Latin-1
    # here, declared in the page), read as HTML, its metadata on the card.
    page = ("<html><head><meta charset=\"iso-8859-1\"><title>Caf\u00e9 talks stall</title>"
            "<meta name=\"author\" content=\"Jane Doe\"></head><body><article><h1>Caf\u00e9 talks stall</h1>"
            "<p>Moscow considers freezing of talks counterproductive, the ministry said on Monday.</p>"
            "</article></body></html>")
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "talks.html"
        path.write_bytes(page.encode("latin-1"))
        driver.find_element(By.ID, "file").send_keys(str(path))
        WebDriverWait(driver, 10).until(lambda d: "talks.html" in d.find_element(By.ID, "file-name").text)
    check(driver.find_element(By.CSS_SELECTOR, 'input[value="DOCUMENT_FORMAT_HTML"]').is_selected(),
          "an .html file switches the format to HTML")
    run_and_wait(driver)
    title = driver.find_element(By.ID, "meta-title").text
    check(title == "Caf\u00e9 talks stall", f"the file's own character set is read: {title!r}")
    check("Jane Doe" in driver.find_element(By.ID, "meta-fields").text, "its author is on the card")

    # Readable at 360 px: nothing wider than the screen.
    driver.set_window_size(360, 800)
    width = js("return document.documentElement.scrollWidth")
    check(width <= 360, f"at 360 px wide nothing overflows (scroll width {width})")
    show_results(driver)
    screenshot(driver, shots / "page-360.png", full_page=False)


def show_results(driver: webdriver.Chrome) -> None:
    driver.execute_script(
        "document.querySelector('.side').scrollTop = 0;"
        "window.scrollTo(0, document.getElementById('results').getBoundingClientRect().top + window.scrollY - 8);"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the server's HTTP listener, e.g. http://127.0.0.1:8080")
    parser.add_argument("--token", help="the bearer token the server wants, if any")
    parser.add_argument("--seed", default=str(ROOT / "tests/fixtures/seed.txt"))
    parser.add_argument("--screenshots", default=str(ROOT / "target"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--driver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    shots = pathlib.Path(args.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    seed = pathlib.Path(args.seed).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="lede-chromium-") as profile:
        driver = browser(args.chromium, args.driver, profile)
        try:
            page_checks(driver, args.url.rstrip("/"), args.token, seed, shots)
        except AssertionError as err:
            print(f"FAIL {err}")
            screenshot(driver, shots / "page-failed.png", full_page=True)
            return 1
        finally:
            driver.quit()
    print("the page works in Chromium")
    return 0


if __name__ == "__main__":
    sys.exit(main())
