"""End-to-end check of `burden serve` in a real headless browser (Debian's chromium,
driven by Selenium through chromium-driver). Run by .ci/serve-check, which starts the
server and passes its URL, the burden binary, a download folder and where to save the
screenshot."""

import os
import pathlib
import re
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

url, burden, downloads, screenshot = sys.argv[1:5]

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking",
            "--window-size=" + os.environ.get("SERVE_WINDOW", "1400,1800"),
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]:
    options.add_argument(arg)
options.add_experimental_option("prefs", {
    "download.default_directory": downloads,
    "download.prompt_for_download": False,
})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
wait = WebDriverWait(driver, 120)


def field(key):
    return driver.find_element(By.ID, "f-" + key)


def set_field(key, value):
    f = field(key)
    f.clear()
    f.send_keys(value)


def results_job():
    return driver.find_element(By.ID, "results").get_attribute("data-job")


def run_and_wait(button):
    before = results_job()
    driver.find_element(By.ID, button).click()
    wait.until(lambda d: results_job() != before)
    return driver.find_element(By.ID, "results").text


def step(text):
    print("== serve-check:", text, flush=True)


try:
    step("open the page: it opens on Ranam, ready to run")
    driver.get(url)
    wait.until(EC.presence_of_element_located((By.ID, "f-levy.resident_share")))
    assert "Ranam" in driver.find_element(By.ID, "scenario-title").text
    label = driver.find_element(By.CSS_SELECTOR, "label[for='f-levy.resident_share']").text
    assert label == "levy.resident_share", label
    iterations = driver.find_element(By.ID, "iterations")
    iterations.clear()
    iterations.send_keys("200")

    step("run the scenario as it is")
    first = run_and_wait("run")
    assert "Headline findings" in first and "Headline figures" in first, first[:500]
    assert driver.find_elements(By.CSS_SELECTOR, "#results figure svg"), "no chart"

    step("set levy.resident_share to 0 and run: the results change")
    set_field("levy.resident_share", "0")
    second = run_and_wait("run")
    assert second != first
    command = driver.find_element(By.ID, "command").text
    assert "levy.resident_share=0" in command, command

    step("keep as baseline, change an input, compare")
    driver.find_element(By.ID, "keep").click()
    set_field("release.total", "100 to 300")
    compared = run_and_wait("compare")
    assert "P(B worse)" in compared or "worse" in compared, compared[:800]
    command = driver.find_element(By.ID, "command").text
    assert command.startswith("burden compare") and "--variant" in command, command

    step("sweep levy.resident_share from its field")
    driver.find_element(By.CSS_SELECTOR, "button[aria-label='Sweep levy.resident_share']").click()
    values = driver.find_element(By.ID, "sweep-values")
    values.clear()
    values.send_keys("0,0.5,1")
    swept = run_and_wait("sweep")
    assert driver.find_elements(By.CSS_SELECTOR, "#results figure svg"), "no sweep chart"
    assert "levy.resident_share" in swept, swept[:500]

    step("download the TOML and validate it with burden validate")
    for old in pathlib.Path(downloads).glob("*"):
        old.unlink()
    driver.find_element(By.ID, "download-toml").click()
    deadline = time.time() + 30
    files = []
    while time.time() < deadline:
        files = [p for p in pathlib.Path(downloads).glob("*.toml")]
        if files:
            break
        time.sleep(0.2)
    assert files, "no TOML was downloaded"
    text = files[0].read_text()
    assert "changed in burden serve" in text and "# Ranam district" in text, text[:400]
    subprocess.run([burden, "validate", str(files[0])], check=True)

    step("an invalid value shows the CLI's message beside its field, and nothing runs")
    set_field("levy.resident_share", "1.5")
    before = results_job()
    driver.find_element(By.ID, "run").click()
    alert = driver.find_element(By.ID, "alert-levy.resident_share")
    wait.until(lambda d: alert.is_displayed() and alert.text)
    assert alert.get_attribute("role") == "alert"
    cli = subprocess.run([burden, "validate", "ranam-2020", "--set", "levy.resident_share=1.5"],
                         capture_output=True, text=True)
    first_line = alert.text.splitlines()[0]
    assert first_line in cli.stderr, (first_line, cli.stderr)
    time.sleep(1)
    assert results_job() == before, "a run started despite the bad value"

    step("screenshot")
    set_field("levy.resident_share", "0")
    run_and_wait("run")
    driver.execute_script("document.getElementById('results').scrollIntoView()")
    driver.execute_script("document.getElementById('f-levy.resident_share').scrollIntoView({block: 'center'})")
    driver.execute_script("document.getElementById('results').scrollIntoView()")
    driver.save_screenshot(screenshot)
    print("saved", screenshot)

    step("a scenario that does not load shows its file, line and column")
    Select(driver.find_element(By.ID, "scenario")).select_by_visible_text("broken (scenarios/broken.toml)")
    problem = driver.find_element(By.ID, "load-error")
    wait.until(lambda d: problem.is_displayed() and problem.text)
    assert problem.get_attribute("role") == "alert"
    assert re.search(r"scenarios/broken\.toml:3:\d+", problem.text), problem.text
    assert driver.find_element(By.ID, "run").get_attribute("disabled"), "Run must be off"
finally:
    driver.quit()
