#!/usr/bin/env bash
# Debian packages the PDF path and the tests need: LibreOffice headless, metric-compatible fonts, Chromium,
# poppler (pdftotext/pdftoppm). Installed only when missing, so a prepared machine pays nothing.
set -eu
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
/usr/bin/python3 -c "import uno" 2>/dev/null || need+=(python3-uno)  # a kept LibreOffice per cluster worker
fc-list 2>/dev/null | grep -qi carlito || need+=(fonts-crosextra-carlito)
fc-list 2>/dev/null | grep -qi caladea || need+=(fonts-crosextra-caladea)  # Cambria-metric, meridian headings
fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation)
fc-list 2>/dev/null | grep -qi "Noto Sans Arabic" || need+=(fonts-noto-core)
fc-list 2>/dev/null | grep -qi symbola || need+=(fonts-symbola)  # emoji in PDFs: LibreOffice cannot draw colour emoji fonts
command -v openssl >/dev/null || need+=(openssl)  # the send tests make a self-signed TLS certificate
[ -x /usr/bin/chromium ] || need+=(chromium)  # the web page's browser tests (Selenium drives it headless)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)  # Chinese, Japanese, Korean (brands' east_asia font)
if ((${#need[@]})); then
  if [ "$(id -u)" != 0 ]; then echo "please install: ${need[*]} (needs root)"; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
