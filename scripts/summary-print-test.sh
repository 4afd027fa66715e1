#!/bin/sh
# Runs the summary's printing checks for real: HTML through headless Chromium to PDF, and plain
# text through CUPS to the CUPS-PDF queue OIH_PDF. Run as root from the repository root.
#
#   scripts/summary-print-test.sh          set up CUPS-PDF, run the tests
#   scripts/summary-print-test.sh --keep   also keep the printed PDFs (and the text sent) in
#                                          $OIH_PDF_DIR to look at by hand
#
# Needs: apt-get install -y chromium poppler-utils cups printer-driver-cups-pdf
set -eu
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--keep" ]; then
  export OIH_KEEP_PDF=1
fi
export OIH_PDF_DIR="${OIH_PDF_DIR:-/var/spool/cups-pdf/oih}"

scripts/cups-pdf-setup.sh
swift build --scratch-path "${SCRATCH:-.build-sum}" --product oihPackageTests
swift test --scratch-path "${SCRATCH:-.build-sum}" --skip-build --filter 'SummaryTests\.(HTMLPrintTests|CUPSPrintTests)'

if [ "${OIH_KEEP_PDF:-}" = 1 ]; then
  printf 'Printed PDFs are in %s\n' "$OIH_PDF_DIR"
  ls -l "$OIH_PDF_DIR"
fi
