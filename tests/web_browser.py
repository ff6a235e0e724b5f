"""A real `reporttool serve` on 127.0.0.1 port 0 and Debian's headless Chromium driven by Selenium."""
from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from tests.conftest import CLI

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,1000")


class Server:
    """`reporttool serve --port 0` in a process of its own; `url` is the link it printed."""

    def __init__(self, data: Path, *extra: str):
        self.process = subprocess.Popen([str(CLI), "serve", "--port", "0", "--data", str(data), *extra],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        found = re.search(r"(http://127\.0\.0\.1:(\d+)/)\?token=(\S+)", line)
        assert found, line + self.process.stderr.read()  # type: ignore[union-attr]
        self.base, self.port, self.token = found[1], int(found[2]), found[3]
        self.url = f"{self.base}?token={self.token}"

    def stop(self) -> str:
        self.process.terminate()
        try:
            _, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return err


def chromium(downloads: Path):
    """Chromium from Debian, never a downloaded browser; downloads land in `downloads`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


def wait_for(condition, timeout: float = 60.0, step: float = 0.05):
    """The first truthy value of condition(), or an AssertionError after `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = condition()
        except Exception:  # the page is between two loads
            value = None
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out waiting for {condition}")


def downloaded(folder: Path, name: str, timeout: float = 120.0) -> Path:
    path = folder / name
    wait_for(lambda: path.is_file() and not list(folder.glob("*.crdownload")), timeout)
    return path
