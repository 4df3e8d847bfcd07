# SPDX-License-Identifier: GPL-2.0-only
# pktdrill build. `make` builds ./pktdrill; `make check` runs every test.
CC ?= cc

# First of all, the Debian packages the goals need (packaging/deps.sh): named
# if missing, installed with apt-get as root on a dpkg system (NO_INSTALL=1:
# only the apt-get line). Before the pkg-config lookups below, so that they
# see what it installed.
ifeq ($(MAKELEVEL),0)
GOALS := $(or $(MAKECMDGOALS),all)
ifneq ($(filter-out clean format format-check layers help,$(GOALS)),)
DEPS_FOR := $(if $(filter check check-sanitize valgrind unit scripts runner trace pcap \
	bad_generated conformance,$(GOALS)),check,$(if $(filter demo,$(GOALS)),demo,build))
ifneq ($(shell packaging/deps.sh $(DEPS_FOR) >&2; echo $$?),0)
$(error missing Debian packages: see above)
endif
endif
endif
PKGS := libnl-3.0 libnl-route-3.0 libpcap
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Shared libraries, the distribution's: updated with it, seen by
# dpkg-shlibdeps. libpcap is loaded only for --pcap (dlopen of the soname the
# libpcap pkg-config finds has): linked, it and what it pulls in (dbus,
# systemd, gcrypt, lzma, zstd, lz4: 9 libraries) cost every run ~1 ms of
# the dynamic loader's work (bench/README.md). PCAP_LAZY=0 links it.
# STATIC=1 links libnl statically too.
STATIC ?= 0
PCAP_LAZY ?= 1
ifeq ($(STATIC),1)
NL_LIBS := -Wl,-Bstatic $(shell pkg-config --libs libnl-route-3.0 libnl-3.0) -Wl,-Bdynamic
PCAP_LAZY := 1
else
NL_LIBS := $(shell pkg-config --libs libnl-route-3.0 libnl-3.0 2>/dev/null)
endif
ifeq ($(PCAP_LAZY),1)
PCAP_SONAME := $(shell objdump -p $$(pkg-config --variable=libdir libpcap 2>/dev/null)/libpcap.so \
		 2>/dev/null | awk '/SONAME/ { print $$2 }')
PCAP_CPPFLAGS := -DPCAP_DLOPEN -DPCAP_SONAME='"$(PCAP_SONAME)"'
PCAP_LINK := -ldl
else
PCAP_CPPFLAGS :=
PCAP_LINK := $(shell pkg-config --libs libpcap 2>/dev/null)
endif
PCAP_LIBS := $(shell pkg-config --libs libpcap 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka)

OPT ?= -O2
SAN ?=
CFLAGS ?= $(OPT) -g
CFLAGS += -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter $(SAN)
CPPFLAGS += -I. -I$(BUILD) $(PKG_CFLAGS) -D_GNU_SOURCE $(PCAP_CPPFLAGS)
LDFLAGS += $(SAN)
LDLIBS += $(NL_LIBS) $(PCAP_LINK) -lpthread

BUILD ?= build
BIN ?= pktdrill
PREFIX ?= /usr/local
DESTDIR ?=
# Every folder of the tool's code (docs/DESIGN.md); main.c is the program.
CODE_DIRS := parser parser/util netdev netdev/packet runtime runtime/context runtime/traffic \
	runtime/syscalls runtime/codeblock runtime/cli runtime/diagram
LIB_SRCS := $(filter-out runtime/cli/main.c,$(foreach d,$(CODE_DIRS),$(wildcard $(d)/*.c)))
GEN_SRCS := $(BUILD)/parser/lexer.c $(BUILD)/parser/grammar.c
LIB_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRCS)) $(GEN_SRCS:.c=.o)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))

# What the objects were built with: a change of STATIC, PCAP_LAZY, SAN or
# CFLAGS rewrites this file, and everything that depends on it is rebuilt.
BUILD_FLAGS := $(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $(LDLIBS)
ifneq ($(file <$(BUILD)/build.flags),$(BUILD_FLAGS))
$(shell mkdir -p $(BUILD))
$(file >$(BUILD)/build.flags,$(BUILD_FLAGS))
endif

.PHONY: docs deb check-deb install-strip install-packetdrill-link uninstall format format-check all check unit scripts bad_generated fuzz clean demo layers trace pcap bench runner install \
	check-sanitize sanitized-tests valgrind
all: $(BIN) $(BUILD)/pktdrill.bash

$(BIN): $(BUILD)/runtime/cli/main.o $(BUILD)/libpktdrill.a $(BUILD)/build.flags
	$(CC) $(LDFLAGS) -o $@ $(filter %.o %.a,$^) $(LDLIBS)

$(BUILD)/libpktdrill.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/parser/lexer.c $(BUILD)/parser/lexer.h &: parser/lexer.l
	@mkdir -p $(dir $@)
	flex --header-file=$(BUILD)/parser/lexer.h -o $(BUILD)/parser/lexer.c $<

$(BUILD)/parser/grammar.c $(BUILD)/parser/grammar.h &: parser/grammar.y
	@mkdir -p $(dir $@)
	bison -Wall -Werror --defines=$(BUILD)/parser/grammar.h -o $(BUILD)/parser/grammar.c $<

# Generated code is not ours to lint: relax warnings that flex output trips.
$(BUILD)/parser/lexer.o: $(BUILD)/parser/lexer.c $(BUILD)/parser/grammar.h $(BUILD)/build.flags
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-sign-compare -Wno-unused-function -c -o $@ $<
$(BUILD)/parser/grammar.o: $(BUILD)/parser/grammar.c $(BUILD)/parser/lexer.h $(BUILD)/build.flags
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.c $(BUILD)/build.flags | $(GEN_SRCS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpktdrill.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libpktdrill.a $(LDLIBS) $(CMOCKA_LIBS)

# The bash completion, generated from the flag tables by the binary itself.
$(BUILD)/pktdrill.bash: $(BIN)
	@mkdir -p $(dir $@)
	$(abspath $(BIN)) --bash-completion > $@.tmp && mv $@.tmp $@

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done

scripts: $(BIN)
	PKTDRILL=$(abspath $(BIN)) tests/run_scripts.sh

bad_generated: $(BIN)
	PKTDRILL=$(abspath $(BIN)) tests/scripts/bad_generated.sh

# Not part of check: needs clang and takes 2 x FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_BUILD=$(abspath $(BUILD))/fuzz tests/fuzz/run.sh $(FUZZ_SECONDS)

check: layers unit scripts bad_generated trace pcap runner

# Not part of check (each takes 1-2 minutes; .ci/run runs both after it).
# check-sanitize: a second build with ASan, LeakSanitizer and UBSan in
# build/san/, then the unit tests and script tests against it; any report fails
# (tests/check_sanitize.sh). With clang: gcc 12's libubsan, loaded beside
# libasan, ignores log_path and writes UBSan reports only to stderr, which not
# every test reads; clang's runtime writes every report to its log file.
# UBSan checks stay recoverable so that tests/ubsan.supp can apply; the run
# sets halt_on_error, so every other report is fatal all the same.
SAN_CC ?= clang
SAN_BUILD ?= build/san
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer
check-sanitize:
	$(MAKE) CC=$(SAN_CC) BUILD=$(SAN_BUILD) BIN=$(SAN_BUILD)/pktdrill SAN='$(SAN_FLAGS)' \
		sanitized-tests

sanitized-tests: $(BIN) $(UNIT_BINS) $(BUILD)/tests/pcap_summary
	PKTDRILL=$(abspath $(BIN)) PCAP_SUMMARY=$(abspath $(BUILD)/tests/pcap_summary) \
		tests/check_sanitize.sh $(UNIT_BINS)

# valgrind: memcheck on this build, every unit test and a set of script runs;
# any memory error or definite/indirect leak fails (tests/check_valgrind.sh).
valgrind: $(BIN) $(UNIT_BINS)
	PKTDRILL=$(abspath $(BIN)) tests/check_valgrind.sh $(UNIT_BINS)

# The multi-script runner: -j, variants, timeouts, TAP/KTAP/JUnit, kselftest drop-in.
runner: $(BIN) $(BUILD)/pktdrill.bash
	@fail=0; for t in tests/runner/test_*.sh; do echo "== $$t"; \
		PKTDRILL=$(abspath $(BIN)) BIN=$(BIN) BUILD=$(BUILD) $$t || fail=1; done; exit $$fail

# make install: pktdrill, pktdrill-demo, the man page, the state scripts (in
# $(DATADIR)/scripts); install-strip strips the binary; uninstall removes
# exactly those. install-packetdrill-link adds the packetdrill name the
# kernel's selftests call, never over a file that is not pktdrill's own.
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/pktdrill
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
STATE_SCRIPTS := $(wildcard scripts/state_*.pkt)
# vim and TextMate (VS Code) support, installed under $(DATADIR)/editors as in packaging/editors/
EDITOR_FILES := editors/README.md editors/vim/ftdetect/pktdrill.vim editors/vim/syntax/pktdrill.vim \
	editors/vscode/package.json editors/vscode/language-configuration.json \
	editors/vscode/syntaxes/pktdrill.tmLanguage.json
INSTALLED := $(BINDIR)/pktdrill $(BINDIR)/pktdrill-demo $(MANDIR)/man1/pktdrill.1 \
	$(MANDIR)/man1/pktdrill-demo.1 $(MANDIR)/man5/pktdrill-script.5 \
	$(patsubst scripts/%,$(DATADIR)/scripts/%,$(STATE_SCRIPTS)) \
	$(BASHCOMPDIR)/pktdrill $(patsubst %,$(DATADIR)/%,$(EDITOR_FILES))
INSTALL ?= install
INSTALL_PROGRAM ?= $(INSTALL)
install: $(BIN) $(BUILD)/pktdrill.bash
	$(INSTALL_PROGRAM) -D -m 755 $(BIN) $(DESTDIR)$(BINDIR)/pktdrill
	$(INSTALL) -D -m 755 scripts/pktdrill-demo $(DESTDIR)$(BINDIR)/pktdrill-demo
	$(INSTALL) -D -m 644 docs/pktdrill.1 $(DESTDIR)$(MANDIR)/man1/pktdrill.1
	$(INSTALL) -D -m 644 docs/pktdrill-demo.1 $(DESTDIR)$(MANDIR)/man1/pktdrill-demo.1
	$(INSTALL) -D -m 644 docs/pktdrill-script.5 $(DESTDIR)$(MANDIR)/man5/pktdrill-script.5
	$(INSTALL) -d $(DESTDIR)$(DATADIR)/scripts
	$(INSTALL) -m 644 $(STATE_SCRIPTS) $(DESTDIR)$(DATADIR)/scripts/
	$(INSTALL) -D -m 644 $(BUILD)/pktdrill.bash $(DESTDIR)$(BASHCOMPDIR)/pktdrill
	for f in $(EDITOR_FILES); do $(INSTALL) -D -m 644 packaging/$$f $(DESTDIR)$(DATADIR)/$$f || exit 1; done
install-strip:
	$(MAKE) INSTALL_PROGRAM='$(INSTALL) -s' install
install-packetdrill-link:
	@link=$(DESTDIR)$(BINDIR)/packetdrill; \
	if [ -e "$$link" ] || [ -L "$$link" ]; then \
		if [ "$$(readlink "$$link")" = pktdrill ]; then echo "$$link: already pktdrill"; exit 0; fi; \
		echo "$$link exists and is not pktdrill's: left as it is"; exit 1; \
	fi; \
	ln -s pktdrill "$$link" && echo "$$link -> pktdrill"
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	@link=$(DESTDIR)$(BINDIR)/packetdrill; \
	if [ "$$(readlink "$$link" 2>/dev/null)" = pktdrill ]; then rm -f "$$link"; fi
	-cd $(DESTDIR)$(DATADIR) 2>/dev/null && rmdir -p editors/vim/ftdetect editors/vim/syntax \
		editors/vscode/syntaxes 2>/dev/null
	-rmdir $(DESTDIR)$(DATADIR)/scripts $(DESTDIR)$(DATADIR) 2>/dev/null
	@# a staging root (DESTDIR) is left as empty as install found it
	@if [ -n "$(DESTDIR)" ]; then for d in $(BINDIR) $(MANDIR)/man1 $(MANDIR)/man5 $(DATADIR) \
		$(BASHCOMPDIR); do \
		while [ "$$d" != / ]; do \
			if [ -d "$(DESTDIR)$$d" ]; then rmdir "$(DESTDIR)$$d" 2>/dev/null || break; fi; \
			d=$$(dirname "$$d"); \
		done; \
	done; fi

$(BUILD)/tests/pcap_summary: tests/tools/pcap_summary.c $(BUILD)/libpktdrill.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libpktdrill.a $(LDLIBS) $(PCAP_LIBS)

pcap: $(BIN) $(BUILD)/tests/pcap_summary
	PKTDRILL=$(abspath $(BIN)) PCAP_SUMMARY=$(abspath $(BUILD)/tests/pcap_summary) tests/check_pcap.sh

trace: $(BIN)
	PKTDRILL=$(abspath $(BIN)) tests/check_trace.sh

layers:
	tests/check_layers.sh
	tests/check_license.sh

# The Debian package: make deb builds it in ../ (dpkg-buildpackage); make
# check-deb (CI, root) builds it from the committed sources, lintian, installs
# it, runs the installed scripts and purges it (tests/check_deb.sh).
deb:
	dpkg-buildpackage -us -uc -b
check-deb:
	tests/check_deb.sh

# The language reference's generated parts (docs/pktdrill-script.5: the system
# calls and symbols) rewritten from the tables; tests/runner/test_reference.sh
# fails while they differ.
docs: $(BIN)
	docs/update_reference.sh $(abspath $(BIN))

# Every C file as .clang-format says (clang-format 14, Debian's clang-format).
# format rewrites them; format-check (CI) lists those it would change.
FORMAT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)
format:
	clang-format -i $(FORMAT_FILES)
format-check:
	@bad=$$(for f in $(FORMAT_FILES); do clang-format "$$f" | cmp -s - "$$f" || echo "$$f"; done); \
	if [ -n "$$bad" ]; then echo "format-check: clang-format would change:"; echo "$$bad"; \
		echo "run: make format"; exit 1; fi; echo "format-check: ok"

demo: $(BIN)
	@PKTDRILL=$(abspath $(BIN)) scripts/pktdrill-demo -o $(abspath $(BUILD))/demo/pktdrill-demo.html

# Upstream packetdrill's own scripts (CORPUS: a packetdrill checkout, or the
# copy in ../shared) against the known-pass list, and the kernel's packetdrill
# selftests (KSFT_CORPUS: a kernel tree, or the copy in ../shared) through the
# kernel's own ksft_runner.sh against upstream's verdicts. Both always run.
CORPUS ?= ../shared/conformance
KSFT_CORPUS ?= ../shared/conformance-ksft
conformance: $(BIN)
	@rc=0; \
	PKTDRILL=$(abspath $(BIN)) CORPUS=$(abspath $(CORPUS)) tests/conformance.sh || rc=1; \
	PKTDRILL=$(abspath $(BIN)) KSFT_CORPUS=$(abspath $(KSFT_CORPUS)) \
		tests/conformance_ksft.sh || rc=1; \
	exit $$rc

# Benchmarks (bench/README.md): not part of check, they time things.
$(BUILD)/bench/measure: bench/measure.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -o $@ $<

bench: $(BIN) $(BUILD)/bench/measure
	PKTDRILL_BIN=$(abspath $(BIN)) python3 bench/startup.py
	PKTDRILL_BIN=$(abspath $(BIN)) python3 bench/lateness.py
	PKTDRILL_BIN=$(abspath $(BIN)) python3 bench/idle_cpu.py
	PKTDRILL_BIN=$(abspath $(BIN)) python3 bench/stalls.py
	PKTDRILL_BIN=$(abspath $(BIN)) python3 bench/diagram_cost.py
	PKTDRILL_BIN=$(abspath $(BIN)) bench/suite.sh

clean:
	rm -rf $(BUILD) pktdrill

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
