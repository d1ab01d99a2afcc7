#!/usr/bin/env bash
# `npm run setup`: everything cci needs on this machine, then the demo briefing.
#
#   1. System packages (Debian, Ubuntu and other apt systems), only those missing, with sudo
#      when not root: the headless shell (chromium-headless-shell), fonts for Latin, Arabic,
#      CJK and emoji (fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji,
#      fonts-dejavu-core, fontconfig) and poppler-utils (pdftotext, which the tests read PDFs
#      with). Nothing missing: no apt-get at all. Other systems: it says what to install.
#   2. npm ci (which builds cci).
#   3. Where no package has a headless shell (Ubuntu, macOS...): Google's chrome-headless-shell
#      into puppeteer's cache with @puppeteer/browsers (needs the internet; --no-download
#      skips it, and cci then uses Chrome or Chromium if one is installed).
#   4. The 5 August 2024 Sécurité générale briefing of the demo data, HTML and PDF, in out/.
#
# Options: --dry-run prints the commands that change something instead of running them (what
# is installed is still looked at); --no-download; --no-brief.
# Exit status: 0 when cci can print PDFs here, 1 otherwise (said why, and what to do), 2 for an
# unknown option.

# `sh scripts/setup.sh` on Debian is dash, which stops at the first bash word with no advice
# (in both languages: nothing can choose one yet)
if [ -z "${BASH_VERSION:-}" ]; then
  echo "setup: this script needs bash: run npm run setup, or bash scripts/setup.sh" >&2
  echo "setup: ce script demande bash : lancez npm run setup, ou bash scripts/setup.sh" >&2
  exit 1
fi
set -Eeuo pipefail
# The lines it says come from cci's command-line catalogues, in the language of cci's messages
# (CCI_LANG, else the locale): scripts/setup-say.mjs. Its key when node cannot say it.
msg() { node "$SAY_SCRIPT" "$@" 2>/dev/null || printf '%s\n' "$1"; }
say() { printf 'setup: %s\n' "$(msg "$@")"; }
# a line already in the language of messages (advice given to checked and must)
say_text() { printf 'setup: %s\n' "$*"; }
# Anything that fails and is not looked at below stops the script (set -e, in functions too
# with -E): it says so, and exits 1.
trap 'status=$?; say setup.stopped status="$status" command="$BASH_COMMAND" line="$LINENO"; say setup.fixAndRerun; exit 1' ERR
# This script's own path, taken before the cd: $0 may be relative to the folder it was started
# in. CDPATH would send `cd scripts/..` to another folder's scripts/.. (and print it).
unset CDPATH
STARTED_IN="$PWD"
# Started through a link (~/bin/cci-setup -> …/scripts/setup.sh): the file it leads to.
SELF="$0"
while [ -L "$SELF" ]; do
  link="$(readlink -- "$SELF")"
  if [[ "$link" == /* ]]; then SELF="$link"; else SELF="$(dirname -- "$SELF")/$link"; fi
done
SELF="$(cd -P -- "$(dirname -- "$SELF")" && pwd)/${SELF##*/}"
cd -- "${SELF%/*}/.."
SAY_SCRIPT="$PWD/scripts/setup-say.mjs"

# The comment at the top of this file, without its #.
usage() {
  # from the catalogues (setup.usage); this script's own header when node cannot say it
  node "$SAY_SCRIPT" setup.usage 2>/dev/null && return
  local line
  {
    IFS= read -r line # #!/usr/bin/env bash
    while IFS= read -r line && [[ "$line" == '#'* ]]; do
      line="${line#'#'}"
      printf '%s\n' "${line#' '}"
    done
  } <"$SELF"
}

DRY_RUN=0
DOWNLOAD=1
BRIEF=1
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    --no-download) DOWNLOAD=0 ;;
    --no-brief) BRIEF=0 ;;
    -h | --help) usage; exit 0 ;;
    *) say setup.unknownOption option="$arg" >&2; exit 2 ;;
  esac
done

# A command as one line that can be pasted into a shell: arguments quoted where they need it.
shown() {
  local arg out='' plain='^[[:alnum:]_@%+=:,./-]+$'
  for arg in "$@"; do
    # a control character (a line break...) as $'\n': the command stays on its one line
    if [[ "$arg" == *[[:cntrl:]]* ]]; then
      arg="$(printf '%q' "$arg")"
    elif ! [[ "$arg" =~ $plain ]]; then arg="'${arg//\'/\'\\\'\'}'"; fi
    out+="${out:+ }$arg"
  done
  printf '%s' "$out"
}
# Runs a command; when it fails, says which, with its exit status, then each line of advice
# given before the --, and exits 1:   checked ADVICE... -- COMMAND ARGUMENTS...
checked() {
  local advice=() line status=0
  while [ "$1" != -- ]; do advice+=("$1"); shift; done
  shift
  "$@" || status=$?
  if [ "$status" != 0 ]; then
    say setup.failed status="$status" command="$(shown "$@")"
    for line in "${advice[@]}"; do say_text "$line"; done
    exit 1
  fi
}
# Runs a command that changes the machine, after showing it; --dry-run only shows it.
run() {
  printf '+ %s\n' "$(shown "$@")"
  if [ "$DRY_RUN" = 0 ]; then "$@"; fi
}
# run, for a command that must succeed (see checked):   must ADVICE... -- COMMAND ARGUMENTS...
must() {
  local i=1
  while [ "${!i}" != -- ]; do i=$((i + 1)); done
  printf '+ %s\n' "$(shown "${@:i+1}")"
  if [ "$DRY_RUN" = 0 ]; then checked "$@"; fi
}

# HOME is unset under `env -i` and in some services: the account's home from the password
# database (what ~ is when HOME is unset), exported so that npm, npx and cci use it too. An
# account with none there gets "/" from bash (and an error from node's os.homedir()).
if [ -z "${HOME:-}" ]; then
  unset HOME
  home=~
  if [ "$home" = '~' ] || [ "$home" = / ] || [ ! -d "$home" ] || [ ! -w "$home" ]; then
    if [ "$home" = '~' ]; then say setup.noHome uid="$(id -u)"; else say setup.noHomeAt uid="$(id -u)" folder="$home"; fi
    say setup.setHome
    exit 1
  fi
  export HOME="$home"
fi

FONT_PACKAGES=(fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core fontconfig)
TEST_PACKAGES=(poppler-utils)
SHELL_PACKAGE=chromium-headless-shell
SUDO=()
# puppeteer's cache; a relative PUPPETEER_CACHE_DIR is relative to the folder this was started
# in (npm run: cci's folder), and exported whole so that npx and cci find the same folder
if [ -n "${PUPPETEER_CACHE_DIR:-}" ] && [[ "$PUPPETEER_CACHE_DIR" != /* ]]; then
  export PUPPETEER_CACHE_DIR="$STARTED_IN/$PUPPETEER_CACHE_DIR"
fi
PUPPETEER_CACHE="${PUPPETEER_CACHE_DIR:-$HOME/.cache/puppeteer}"
SHELL_DOWNLOAD=(npx --no-install @puppeteer/browsers install chrome-headless-shell@stable --path "$PUPPETEER_CACHE")

# ---- Node ---------------------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1; then
  # (in both languages: without node, no catalogue can be read)
  say_text "Node.js 20.19 or later is needed first (https://nodejs.org, or your system's nodejs package)."
  say_text "il faut d’abord Node.js 20.19 ou plus récent (https://nodejs.org, ou le paquet nodejs du système)."
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  say setup.nodeTooOld version="$(node --version)"
  exit 1
fi

# ---- 1. System packages -------------------------------------------------------------------
# Each command's output is read whole before it is looked at: `cmd | grep -q` under pipefail
# fails when grep stops reading first and cmd dies of SIGPIPE, as `apt-cache policy` does.
# And it is asked for in the C locale: apt and dpkg translate their words (with LANG=fr_FR.UTF-8
# apt-cache writes "Candidat :", not "Candidate:"). Exactly C: gettext still reads LANGUAGE
# under C.UTF-8.
in_c_locale() { LC_ALL=C "$@"; }
installed() {
  local status
  status=$(in_c_locale dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
  [[ "$status" == *"ok installed"* ]]
}
available() {
  local policy candidate='Candidate: [^(]'
  policy=$(in_c_locale apt-cache policy "$1" 2>/dev/null) || return 1
  [[ "$policy" =~ $candidate ]]
}
# What to say when apt-get, or the sudo before it, fails (into ADVICE): $1 is the command to
# run as root instead.
apt_advice() {
  local key=setup.aptAdvice
  if [ ${#SUDO[@]} -gt 0 ]; then key=setup.aptAdviceSudo; fi
  ADVICE=("$(msg "$key" command="$1")" "$(msg setup.runAgain)")
}
# A headless shell that no package manager knows of: on PATH, or in puppeteer's cache (a glob
# whose folder part is quoted: `compgen -G "$PUPPETEER_CACHE/..."` took the brackets or stars
# of a folder name as a pattern).
shell_elsewhere() {
  local shell
  if command -v chrome-headless-shell >/dev/null 2>&1; then return 0; fi
  for shell in "$PUPPETEER_CACHE"/chrome-headless-shell/*/chrome-headless-shell-*/chrome-headless-shell; do
    if [ -f "$shell" ]; then return 0; fi
  done
  return 1
}

APT=0
if command -v apt-get >/dev/null 2>&1 && command -v apt-cache >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then APT=1; fi
NEED_DOWNLOAD=0

if [ "$APT" = 1 ]; then
  if [ "$(id -u)" != 0 ]; then SUDO=(sudo); fi
  missing=()
  if ! installed "$SHELL_PACKAGE" && ! shell_elsewhere; then missing+=("$SHELL_PACKAGE"); fi
  for p in "${FONT_PACKAGES[@]}" "${TEST_PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ]; then
    say setup.packagesPresent shell="$SHELL_PACKAGE" packages="${FONT_PACKAGES[*]}, ${TEST_PACKAGES[*]}"
  else
    if [ ${#SUDO[@]} -gt 0 ] && ! command -v sudo >/dev/null 2>&1; then
      say setup.packagesMissing packages="${missing[*]}"
      say setup.noSudo command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
      say setup.runAgain
      exit 1
    fi
    say setup.installing packages="${missing[*]}"
    apt_advice "apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    must "${ADVICE[@]}" -- "${SUDO[@]}" apt-get update -qq
    to_install=()
    for p in "${missing[@]}"; do
      if available "$p"; then
        to_install+=("$p")
      elif [ "$p" = "$SHELL_PACKAGE" ]; then
        say setup.noShellPackage package="$SHELL_PACKAGE"
        NEED_DOWNLOAD=1
      else
        say setup.noPackage package="$p"
      fi
    done
    if [ ${#to_install[@]} -gt 0 ]; then
      must "${ADVICE[@]}" -- "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${to_install[@]}"
    fi
  fi
else
  say setup.noApt
  say setup.noAptFonts
  say setup.noAptTests
  say setup.noAptBrowser
  if ! command -v chromium-headless-shell >/dev/null 2>&1 && ! shell_elsewhere; then NEED_DOWNLOAD=1; fi
fi

# ---- 2. npm ci ----------------------------------------------------------------------------
must "$(msg setup.npmAdvice)" "$(msg setup.runAgain)" \
  -- env PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund

# ---- 3. The headless shell where no package has it -----------------------------------------
if [ "$NEED_DOWNLOAD" = 1 ]; then
  if [ "$DOWNLOAD" = 0 ]; then
    say setup.noDownload command="$(shown "${SHELL_DOWNLOAD[@]}")"
  else
    say setup.downloading folder="$PUPPETEER_CACHE"
    status=0
    run "${SHELL_DOWNLOAD[@]}" || status=$?
    if [ "$status" != 0 ]; then
      # not the end: step 4 says whether cci has another browser to print with
      say setup.failed status="$status" command="$(shown "${SHELL_DOWNLOAD[@]}")"
      say setup.downloadFailed
    elif [ "$APT" = 1 ]; then
      # the libraries it needs, one a line in the download's deb.deps (what puppeteer's
      # --install-deps gives apt-get satisfy), joined as apt wants them: "a (>= 1), b"
      deps=''
      for file in "$PUPPETEER_CACHE"/chrome-headless-shell/*/chrome-headless-shell-linux64/deb.deps; do
        if [ ! -f "$file" ]; then continue; fi
        while IFS= read -r line || [ -n "$line" ]; do
          if [ -n "$line" ] && [[ ", $deps, " != *", $line, "* ]]; then deps+="${deps:+, }$line"; fi
        done <"$file"
      done
      if [ -n "$deps" ]; then
        apt_advice "$(shown apt-get satisfy -y --no-install-recommends "$deps")"
        must "$(msg setup.shellLibraries)" "${ADVICE[@]}" \
          -- "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get satisfy -y -qq --no-install-recommends "$deps"
      elif [ "$DRY_RUN" = 1 ]; then
        printf '+ %s\n' "$(shown "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get satisfy -y -qq --no-install-recommends) $(msg setup.debDeps)"
      fi
    fi
  fi
fi

# ---- 4. Which browser cci finds, and the demo briefing --------------------------------------
if [ "$DRY_RUN" = 1 ]; then
  if [ "$BRIEF" = 1 ]; then printf '+ %s\n' "node bin/cci.js brief --division securite --date 2024-08-05"; fi
  say setup.dryRun
  exit 0
fi

# the browser cci finds, and that it starts and prints a page as for a briefing (as cci doctor
# checks it); when not, cci's own reason is said (on stderr) and nothing is printed here
browser=$(node --input-type=module -e '
  const { findBrowser } = await import("./dist/pdf/find-browser.js");
  const { printTestPage } = await import("./dist/pdf/print-check.js");
  const { readEnvironment } = await import("./dist/config/environment.js");
  const { displayName } = await import("./dist/text/control-chars.js");
  const { cliLangOf, setCliLang } = await import("./dist/i18n/cli-lang.js");
  const { t } = await import("./dist/i18n/messages.js");
  setCliLang(cliLangOf(process.env)); // the reasons in the language of cci messages
  const env = readEnvironment(process.env).browserEnv;
  let b;
  try {
    b = await findBrowser({ env });
  } catch (error) {
    console.error(`setup: ${error.message}`);
    process.exit(1);
  }
  try {
    await printTestPage({ executablePath: b.path, env });
  } catch (error) {
    // one that does not start says so itself, naming it
    const said = error.name === "BrowserStartError" ? error.message : t("doctor.browserCannotPrint", { path: displayName(b.path), reason: error.message });
    console.error(`setup: ${said}`);
    process.exit(1);
  }
  console.log(t("setup.browser", { path: displayName(b.path), kind: t(`doctor.browserKind.${b.kind}`) }));
' || true)

if [ -z "$browser" ]; then
  say setup.noBrowser
  say setup.installDebian package="$SHELL_PACKAGE"
  say setup.installDownload command="$(shown "${SHELL_DOWNLOAD[@]}")"
  say setup.installOther
  if [ "$BRIEF" = 1 ]; then
    say setup.demoHtml
    checked "$(msg setup.cciAdvice)" \
      -- node bin/cci.js brief --division securite --date 2024-08-05 --format html
  fi
  exit 1
fi
say_text "$browser"
if [ "$BRIEF" = 1 ]; then
  say setup.demo
  checked "$(msg setup.cciAdvice)" \
    -- node bin/cci.js brief --division securite --date 2024-08-05
fi
say setup.done
