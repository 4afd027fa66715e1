# make install PREFIX=/usr/local   installs bin/oih and share/oih/Knowledge
# make bench                       measures and writes BENCHMARKS.md
# make test                        the whole test suite (same as scripts/test)
# make deb                         builds oih_VERSION_amd64.deb and checks it with lintian (scripts/package)
# make deb-test                    as root: installs the .deb, checks it, purges it (scripts/deb-test)
PREFIX ?= /usr/local

.PHONY: build install uninstall test bench deb deb-test

# The Swift standard library is linked in: the binary needs no Swift toolchain where it is
# installed, and starts a few milliseconds sooner (no dynamic symbol lookups into libswiftCore).
build:
	swift build -c release --static-swift-stdlib --product oih

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/oih
	install -m 0755 .build/release/oih $(DESTDIR)$(PREFIX)/bin/oih
	rm -rf $(DESTDIR)$(PREFIX)/share/oih/Knowledge
	cp -R Knowledge $(DESTDIR)$(PREFIX)/share/oih/Knowledge
	rm -f $(DESTDIR)$(PREFIX)/share/oih/Knowledge/.oih-validated
	$(DESTDIR)$(PREFIX)/bin/oih knowledge validate --quiet $(DESTDIR)$(PREFIX)/share/oih/Knowledge

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/oih
	rm -rf $(DESTDIR)$(PREFIX)/share/oih

test:
	scripts/test

bench:
	scripts/bench

deb:
	scripts/package

deb-test:
	scripts/deb-test
