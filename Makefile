# The provincial operational portal. `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Sites and mail links carry the port the server listens on.
export PORTAL_PORT ?= $(PORT)

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# uv (https://docs.astral.sh/uv/) installs the same pinned requirements as pip does, in a few
# seconds instead of a minute, and keeps what it downloaded in its own cache (~/.cache/uv) for the
# next clone. It is fetched once per machine, with pip, into ~/.cache/portal/; where it cannot be
# fetched, or with USE_UV=0, pip does the whole install as before.
USE_UV ?= 1
UV_VERSION := 0.13.10
UV_DIR := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/portal/uv-$(UV_VERSION)
UV := $(UV_DIR)/bin/uv
have_uv = [ "$(USE_UV)" = 1 ] && { [ -x $(UV) ] || $(PYTHON) -m pip install --quiet --disable-pip-version-check --no-compile --target $(UV_DIR) uv==$(UV_VERSION) >/dev/null 2>&1; } && [ -x $(UV) ]
# $(call install_requirements,FILE)
install_requirements = if $(have_uv); then $(UV) pip install --quiet --python $(BIN)/python -r $(1); else $(PIP) -r $(1); fi

$(BIN)/python:
	@if $(have_uv); then $(UV) venv --quiet --seed --python $(PYTHON) $(VENV); else $(PYTHON) -m venv $(VENV); fi

# Bytecode is compiled on first import rather than for every file of every package at install,
# and kept: an environment with PYTHONDONTWRITEBYTECODE set (many container images) would make
# every process (migrate, the demo, the server, the worker, the suite's servers) compile the whole
# of Django and Wagtail again, about 3 s of CPU each.
export PYTHONDONTWRITEBYTECODE :=
PIP := $(BIN)/pip install --quiet --disable-pip-version-check --no-compile

$(VENV)/.installed: requirements.txt | $(BIN)/python
	@echo "==> [1/4] Cài đặt thư viện vào .venv (lần đầu: vài giây nếu đã có bộ đệm, khoảng nửa phút nếu phải tải về)"
	@$(call install_requirements,requirements.txt)
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	@echo "==> Cài đặt công cụ kiểm thử (pytest, Playwright, ruff…)"
	@$(call install_requirements,requirements-dev.txt)
	touch $@

install: $(VENV)/.installed ## create .venv and install what the portal runs on (requirements.txt)

install-dev: $(VENV)/.installed-dev ## also the suite's and the linters' tools (requirements-dev.txt)

migrate: install ## apply migrations (and write the beat schedule)
	@echo "==> [2/4] Tạo và cập nhật cơ sở dữ liệu (migrate, lịch việc định kỳ)"
	$(BIN)/python manage.py migrate --noinput

schema: install ## after adding a migration or upgrading a package: write the snapshot a fresh SQLite database starts from (intranet/jobs/snapshot.py)
	@tmp=$$(mktemp -d) && DATABASE_URL=sqlite:///$$tmp/schema.sqlite3 $(BIN)/python manage.py migrate --noinput --write-snapshot --verbosity 0 && rm -rf $$tmp

demo: migrate ## load the demo province (idempotent)
	@echo "==> [3/4] Nạp dữ liệu mẫu tỉnh (Thành phố Huế)"
	$(BIN)/python manage.py load_demo

run: demo ## install, migrate, load the demo province and serve it on http://localhost:$(PORT)
	@echo "==> [4/4] Khởi động máy chủ web và tiến trình việc nền (Ctrl+C để dừng)"
	@echo "Cổng tỉnh: http://localhost:$(PORT)  ·  trang đơn vị: http://<mã>.localhost:$(PORT)  ·  quản trị: http://localhost:$(PORT)/quan-tri/"
	@trap 'kill 0' EXIT INT TERM; \
	$(BIN)/celery -A portal worker --beat --pool=solo --loglevel=info & \
	$(BIN)/python manage.py runserver 0.0.0.0:$(PORT)

test: install-dev chromium ## install and run the whole suite (SQLite by default; DATABASE_URL picks another database)
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

CHROMIUM ?= /usr/bin/chromium
chromium: ## the browser the journeys drive (tests/browser): Debian's Chromium, installed when missing
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	    [ -x "$(CHROMIUM)" ] || { echo "Chromium installed but not at $(CHROMIUM): run 'make test CHROMIUM=$$(command -v chromium)'."; exit 1; }; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM): on Debian run 'apt-get install -y chromium' as root;"; \
	    echo "elsewhere install Chromium and run 'make test CHROMIUM=/path/to/chromium'."; \
	    exit 1; \
	  fi; \
	fi

lint: install-dev ## ruff, Django's checks and missing migrations
	$(BIN)/ruff check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: install ## refresh the English catalogue from the code, compile it and the Vietnamese admin one (needs gettext; the .mo is committed)
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=bench --ignore=static
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv
	# locale/vi is written by hand: the Wagtail admin strings Wagtail's own vi catalogue lacks.
	$(BIN)/python manage.py compilemessages -l vi --ignore=.venv

.PHONY: help install install-dev migrate schema demo run test chromium lint messages
