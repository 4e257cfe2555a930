#!/bin/sh
# tests/catalogue.sh - the rule catalogue as data.  Walks
#   tests/catalogue/cases/RULE/NAME.EXT   each must give a RULE finding, with
#                                         a line and a column (and a JSON
#                                         Pointer for a JSON Feed)
#   tests/catalogue/clean/RULE/NAME.EXT   each must not give RULE
# (EXT: xml or json, a file checked as it is; http, a raw HTTP response
# served by tests/catalogue/serve.py on 127.0.0.1 and fetched by URL), and
# keeps the coverage table tests/coverage.tsv true: every W3C class row
# names rules that exist, explained with their source, and a case in the
# folder of one of them (so the walk above shows the rule is produced);
# every rule of validate/rules/rules_catalogue.c has a case; docs/COVERAGE.md
# is the table rendered (UPDATE=1 rewrites it).  tests/catalogue/runner.py
# checks all that once feedcheck has read the cases.
# feedcheck runs once per kind of case, under a time and memory bound.
. "$(dirname "$0")/lib.sh"
cat_dir=$top/tests/catalogue
table=$top/tests/coverage.tsv
need_program "$fc"
if ! command -v python3 >/dev/null 2>&1; then
	skip "the rule catalogue" "python3 is needed"
	finish
fi

# memory bounds hold for the real binaries (not under a sanitizer or
# valgrind, whose own memory would be counted)
slow=1 measure=0
[ -n "${FEEDTOOLS_VALGRIND:-}" ] && slow=10
can_measure "$fc" && measure=1

# bounded FILE-FOR-OUTPUT ARGS...: feedcheck ARGS under timeout (and GNU
# time), its jsonl report in FILE; the peak in KB in $kb
bounded() {
	b_out=$1; shift
	if [ "$measure" = 1 ]; then
		timeout -k 5 $((60 * slow)) /usr/bin/time -f %M -o "$tmp/mem" \
			"$fc" --format jsonl "$@" >"$b_out" 2>>"$tmp/err" </dev/null
	else
		timeout -k 5 $((60 * slow)) "$fc" --format jsonl "$@" \
			>"$b_out" 2>>"$tmp/err" </dev/null
	fi
	b_st=$?
	kb=$(tail -n 1 "$tmp/mem" 2>/dev/null)
	case $kb in ''|*[!0-9]*) kb=0 ;; esac
	if [ "$b_st" -ge 4 ]; then
		not_ok "feedcheck over the cases: exit $b_st"
		head -5 "$tmp/err" | sed 's/^/#   /'
	elif [ "$measure" = 1 ] && [ "$kb" -gt $((64 * 1024)) ]; then
		not_ok "feedcheck over the cases: peak $((kb / 1024)) MB over 64 MB"
	fi
}

: >"$tmp/err"
find "$cat_dir/cases" "$cat_dir/clean" -type f \( -name '*.xml' -o -name '*.json' \) |
	LC_ALL=C sort >"$tmp/files"
if [ -s "$tmp/files" ]; then
	# shellcheck disable=SC2046
	bounded "$tmp/report-files" $(cat "$tmp/files")
else
	: >"$tmp/report-files"
fi

# the .http cases: each file a raw response, served and fetched
: >"$tmp/report-http"
find "$cat_dir/cases" "$cat_dir/clean" -type f \( -name '*.http' -o -name '*.https' \) |
	LC_ALL=C sort >"$tmp/http"
tls=
if command -v openssl >/dev/null 2>&1 &&
   openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
	-keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1; then
	tls="--tls $tmp/cert.pem $tmp/key.pem"
else
	grep -v '\.https$' "$tmp/http" >"$tmp/http2"; mv "$tmp/http2" "$tmp/http"
	skip "the .https cases" "openssl cannot make a certificate here"
fi
server_pid=
at_exit '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null'
if [ -s "$tmp/http" ]; then
	# shellcheck disable=SC2086
	python3 "$cat_dir/serve.py" "$cat_dir" "$tmp/port" --lifetime $((120 * slow)) $tls \
		>"$tmp/server.log" 2>&1 &
	server_pid=$!
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	if [ -s "$tmp/port" ]; then
		port=$(sed -n 1p "$tmp/port") sport=$(sed -n 2p "$tmp/port")
		sed "/\.https\$/s|^$cat_dir/|https://127.0.0.1:$sport/|; s|^$cat_dir/|http://127.0.0.1:$port/|" \
			"$tmp/http" >"$tmp/urls"
		bounded "$tmp/report-http" --max-time 10 --urls "$tmp/urls"
	else
		not_ok "the case server did not start"
		sed 's/^/#   /' "$tmp/server.log" | head -5
	fi
fi

"$fc" --list-rules >"$tmp/rules"
"$fc" --list-rules --format json >"$tmp/rules.json"
for r in $(cut -d' ' -f1 "$tmp/rules"); do
	echo "$r"
	"$fc" --explain "$r" | tr '\n' ' '
	echo
done >"$tmp/explain"

python3 "$cat_dir/runner.py" "$top" "$tmp" "${UPDATE:-0}" "$n"
if [ -s "$tmp/count" ]; then
	read -r n2 f2 <"$tmp/count"
	failed=$((failed + f2)) n=$n2
else
	not_ok "the catalogue's checker did not finish"
fi
finish
