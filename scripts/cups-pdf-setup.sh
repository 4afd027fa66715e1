#!/bin/sh
# Sets up a CUPS print queue "OIH_PDF" that prints to PDF files, for the summary printing test.
#
# Needs Debian's packages: cups printer-driver-cups-pdf poppler-utils
#   apt-get install -y cups printer-driver-cups-pdf poppler-utils
# Run as root. Safe to run again: it starts cupsd only when it is not running and replaces the
# queue. PDFs land in $OIH_PDF_DIR (default /var/spool/cups-pdf/oih); the test reads the same
# variable.
set -eu

PRINTER=OIH_PDF
OUT=${OIH_PDF_DIR:-/var/spool/cups-pdf/oih}
CONF=/etc/cups/cups-pdf.conf

say() { printf 'cups-pdf-setup: %s\n' "$*"; }

if [ "$(id -u)" != 0 ]; then
  say "run this as root (it starts cupsd and edits $CONF)" >&2
  exit 1
fi
for tool in cupsd lpadmin lpinfo lpstat; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    say "'$tool' not found: apt-get install -y cups printer-driver-cups-pdf" >&2
    exit 1
  fi
done
if [ ! -f "$CONF" ]; then
  say "$CONF not found: apt-get install -y printer-driver-cups-pdf" >&2
  exit 1
fi

# Where the PDFs go: one known folder for every user, including root and anonymous jobs.
mkdir -p "$OUT"
chmod 0755 "$OUT"
for key in Out AnonDirName; do
  if grep -q "^$key " "$CONF"; then
    sed -i "s|^$key .*|$key $OUT|" "$CONF"
  else
    printf '%s %s\n' "$key" "$OUT" >>"$CONF"
  fi
done

# Start the scheduler when it is not answering.
if ! lpstat -r >/dev/null 2>&1 || lpstat -r 2>/dev/null | grep -qi 'not running'; then
  mkdir -p /run/cups /var/spool/cups/tmp
  say "starting cupsd"
  cupsd
  tries=0
  until lpstat -r 2>/dev/null | grep -q 'is running'; do
    tries=$((tries + 1))
    if [ "$tries" -gt 50 ]; then
      say "cupsd did not start (see /var/log/cups/error_log)" >&2
      exit 1
    fi
    sleep 0.2
  done
fi

# The CUPS-PDF driver, as lpinfo lists it.
MODEL=$(lpinfo -m 2>/dev/null | awk 'tolower($0) ~ /cups-pdf/ { print $1; exit }')
if [ -z "$MODEL" ]; then
  say "no CUPS-PDF driver in 'lpinfo -m': apt-get install -y printer-driver-cups-pdf" >&2
  exit 1
fi

lpadmin -p "$PRINTER" -E -v cups-pdf:/ -m "$MODEL"
cupsenable "$PRINTER" 2>/dev/null || true
cupsaccept "$PRINTER" 2>/dev/null || true
lpstat -p "$PRINTER" >/dev/null
say "printer $PRINTER ready (driver $MODEL); PDFs land in $OUT"
