# Two commands for a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core

.PHONY: run test bench soak deps sysdeps translations clean bundle

$(STAMP): requirements.txt requirements-dev.txt
	$(MAKE) sysdeps
	test -x $(VPY) || $(PY) -m venv $(VENV)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

deps: $(STAMP)

# Debian packages Qt needs at run time: installed only when missing (checked with dpkg-query).
sysdeps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

translations: $(STAMP)
	$(VPY) -m fieldapp.core.i18n_build

run: $(STAMP) translations
	$(VPY) -m fieldapp

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest

bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(VPY) -m bench

# Full fault/fuzz/hostile-text counts (≥ 200 SIGKILL points, 1,400 fuzz examples).
soak: $(STAMP) translations
	FIELDAPP_SOAK=1 SYNC_KILL_POINTS=50 QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -p no:cacheprovider \
	  tests/core/test_faults_kill.py tests/core/test_faults_disk.py tests/core/test_fuzz_imports.py \
	  tests/core/test_hostile_text.py tests/ui/test_hostile_text_ui.py tests/core/test_faults_network.py \
	  tests/core/test_sync_kill.py

BUNDLE_STAMP := $(VENV)/.bundle-installed

$(BUNDLE_STAMP): requirements-bundle.txt $(STAMP)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements-bundle.txt
	touch $(BUNDLE_STAMP)

# PyInstaller one-folder bundle (build.spec) in dist/fieldapp, then the bundle's own selftest.
bundle: $(BUNDLE_STAMP) translations
	rm -rf build/build dist/fieldapp
	$(VPY) -m PyInstaller --noconfirm --clean --log-level WARN --workpath build --distpath dist build.spec
	QT_QPA_PLATFORM=offscreen dist/fieldapp/fieldapp --selftest
	@du -sh dist/fieldapp

clean:
	rm -rf $(VENV) .pytest_cache build dist
