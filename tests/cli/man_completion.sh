#!/usr/bin/env bash
# The man pages and the bash completion the build writes (cmake/cli_docs.cmake, from the option
# tables that also give --help): every page renders with `man -l` without a warning, is the one
# the binary writes now (not stale), and names every option its --help names; the completion
# script completes subcommands, options, option values joined or apart, and the closed lists
# (regions, landmarks, muscles, techniques, contacts, postures, profiles), which are the atlas's.
set -u
knead="$1"
bin="${KN_BINARY_DIR:?}"
. "$(dirname "$0")/lib/checks.sh"

# --- man pages ------------------------------------------------------------------------------------
command -v man >/dev/null || { bad "no man(1): install man-db and groff-base (make setup)"; finish; exit; }
commands=$("$knead" --commands)
pages="knead"
for c in $commands; do pages="$pages knead-$c"; done
for page in $pages; do
  f="$bin/man/$page.1"
  [ -s "$f" ] || { bad "$f: not built (target cli_docs)"; continue; }
  if [ "$page" = knead ]; then "$knead" --man > "$tmp/now.1"; else "$knead" --man "${page#knead-}" > "$tmp/now.1"; fi
  cmp -s "$f" "$tmp/now.1" && ok || bad "$f differs from knead --man ${page#knead-} (stale)"
  LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$f" > "$tmp/page.txt" 2> "$tmp/warnings"
  [ $? = 0 ] && ok || bad "man -l $f failed"
  [ ! -s "$tmp/warnings" ] && ok || { bad "man -l $f warns:"; head -5 "$tmp/warnings"; }
  expect_text "$page-name" "$tmp/page.txt" "NAME"
  expect_text "$page-exit" "$tmp/page.txt" "EXIT STATUS"
  [ "$page" = knead ] && continue
  # the same options as --help (one table gives both)
  for opt in $("$knead" "${page#knead-}" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    grep -qF -- "$opt" "$tmp/page.txt" && ok || bad "$page: $opt of --help is not in the man page"
  done
done
for c in $commands; do expect_text "knead.1-lists-$c" "$bin/man/knead.1" "knead\\-$c"; done

# --- bash completion ------------------------------------------------------------------------------
script="$bin/completion/knead"
[ -s "$script" ] || { bad "$script: not built (target cli_docs)"; finish; exit; }
"$knead" --completion bash | cmp -s - "$script" && ok || bad "$script differs from knead --completion bash (stale)"
bash -n "$script" && ok || bad "$script: bash syntax"
# complete WORDS...: the words of the command line, the last the one being completed (COMP_WORDS
# and COMP_CWORD as bash gives them, '=' being a word break of its own); prints the candidates
cat > "$tmp/complete.sh" <<EOS
. "$script"
complete_words() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\$# - 1)); COMPREPLY=(); _knead; printf '%s\n' "\${COMPREPLY[@]}" | sort; }
EOS
complete() { bash -c ". '$tmp/complete.sh'; complete_words \"\$@\"" complete "$@"; }
want() { # want NAME EXPECTED-LINES WORDS...
  local name="$1" expected="$2"; shift 2
  local got; got=$(complete "$@")
  [ "$got" = "$expected" ] && ok || { bad "$name: completing '$*' gave '$(echo $got)', want '$(echo $expected)'"; }
}
want command-sim simulate knead sim
want command-co $'cohort' knead co
want command-all "$(printf '%s\n' $commands help --help --version | sort)" knead ""
want simulate-rep --report knead simulate --rep
want simulate-no $'--no-progress' knead simulate --no
want advise-reg --region knead advise --reg
want fail-on "$(printf '%s\n' discomfort injury minor severe)" knead simulate --fail-on ""
want fail-on-joined "$(printf '%s\n' injury)" knead simulate --fail-on = inj
want format "$(printf '%s\n' json md)" knead atlas --format ""
want help-cmd simulate knead help sim
want value-not-option "" knead advise --force ""   # a free value: nothing offered, no options
# the closed lists are the atlas's (knead atlas --format json), plus advise's words for them
python3 - "$knead" > "$tmp/lists" <<'EOS'
import json, subprocess, sys
atlas = json.loads(subprocess.run([sys.argv[1], "atlas", "--format", "json"], capture_output=True, check=True).stdout)
for key in ("regions", "landmarks", "muscles", "contact_types"):
    print(key, " ".join(sorted(x["name"] for x in atlas[key])))
EOS
list() { sed -n "s/^$1 //p" "$tmp/lists" | tr ' ' '\n'; }
want regions "$( (list regions; printf '%s\n' neck back shoulder) | sort)" knead advise --region ""
want regions-prefix "$(list regions | grep '^neck' | sort)" knead advise --region neck_
want landmarks "$(list landmarks | sort)" knead advise --landmark ""
want muscles "$(list muscles | sort)" knead advise --muscle ""
want contacts "$(list contact_types | sort)" knead advise --contact ""
want techniques "$(printf '%s\n' effleurage petrissage friction compression tapotement deep_stroke deep kneading stroking percussion press | sort)" knead advise --technique ""
want postures "$(printf '%s\n' prone supine seated side_lying standing | sort)" knead advise --posture ""
want profiles "$(printf '%s\n' professional untrained_partner rough_partner partner untrained rough therapist | sort)" knead advise --giver ""
# files and folders
mkdir -p "$tmp/dir/sub"; : > "$tmp/dir/a.yaml"
want operand-file "$(printf '%s\n' "$tmp/dir/a.yaml" "$tmp/dir/sub" | sort)" knead simulate "$tmp/dir/"
want output-dir "$tmp/dir/sub" knead simulate --output "$tmp/dir/"
finish
