#!/bin/sh
# tests/credits.sh - what readers see of the paper's text, on one realistic
# edition (tests/paper/ and the seed page): photo credits stay in their
# captions and name the photographer and the agency (media:credit), an
# agency's copy keeps its dateline and is the agency's (its source, its
# reporters contributors), every byline form of feedgen(5) gives its
# authors with the lead first, an empty byline and an article with nothing
# to show are warnings naming page and line, and no entry is empty.
# feedparser (Debian's python3-feedparser) reads the feeds; headless
# Chromium shows the credits in the captions; feedcheck finds nothing.
. "$(dirname "$0")/lib.sh"

need_program "$fg"

# the edition: the paper's pages, its photo, and the seed page
mkdir -p "$tmp/c"
cp -R "$top/tests/paper/2022-07-12" "$tmp/c/"
mkdir "$tmp/c/2022-07-12/images"
cp "$top/samples/2022-07-17/images/shimen-bridge.jpg" "$tmp/c/2022-07-12/images/"
if need_shared "the seed page (shared/seeds/)" seeds/000_49b6abffcf894de6.txt; then
	cp "$SHARED/seeds/000_49b6abffcf894de6.txt" "$tmp/c/2022-07-12/001_49b6abffcf894de6.txt"
	seed=1
else
	seed=0
fi

# a base URL on the loopback's discard port: a browser that tried a photo
# would find nothing there, and no packet leaves 127.0.0.0/8
site=http://127.0.0.1:9/epaper
"$fg" --base-url "$site" --settle 0 --no-embargo -o "$tmp/o" "$tmp/c" \
	>"$tmp/out" 2>"$tmp/err"
check "feedgen on the edition (exit 0)" test $? -eq 0
contains "$tmp/err" "004_bylines.txt:45:1: warning: byline '□本报记者' names no one; left out [byline-empty]" \
	"an empty byline is a warning naming page and line"
contains "$tmp/err" "004_bylines.txt:55:1: warning: article '今日导读' has neither text nor a photo; not published [article-empty]" \
	"a heading alone is a warning naming page and line"
lacks "$tmp/err" "self-check" "the self-check has nothing to say"
"$fg" -q --base-url "$site" --settle 0 --no-embargo -o "$tmp/o2" "$tmp/c" >"$tmp/qout" 2>"$tmp/qerr"
check "-q: the warnings are quiet (exit 0, nothing said)" test $? -eq 0 -a ! -s "$tmp/qerr"
lacks "$tmp/o/atom.xml" "今日导读" "the heading alone is not published"
lacks "$tmp/o/atom.xml" "□本报记者" "the empty byline is not in the text"
if [ -x "$fc" ]; then
	for f in atom.xml rss.xml feed.json; do
		status_is 0 "feedcheck: $f" "$fc" "$tmp/o/$f"
		lacks "$tmp/out" "warning:" "feedcheck: no warning in $f"
	done
fi

# --- feedparser ---------------------------------------------------------------
py=
for p in /usr/bin/python3 python3; do
	command -v "$p" >/dev/null 2>&1 && "$p" -c 'import feedparser' 2>/dev/null && { py=$p; break; }
done
cat >"$tmp/read.py" <<'EOF'
import html.parser, json, sys
import feedparser

path, seed = sys.argv[1], sys.argv[2] == '1'
d = feedparser.parse(path)
by = {e.title: e for e in d.entries}

def say(ok, what):
    print(('ok' if ok else 'FAIL') + ' ' + what)

class Caps(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.caps, self._cap = [], None
    def handle_starttag(self, tag, attrs):
        if tag == 'figcaption': self._cap = ''
    def handle_data(self, data):
        if self._cap is not None: self._cap += data
    def handle_endtag(self, tag):
        if tag == 'figcaption': self.caps.append(self._cap); self._cap = None

def caps(e):
    h = Caps()
    h.feed(e.content[0].value)
    return h.caps

def names(l):
    return [x.get('name') for x in l]

def credits(e):
    return [(c.get('role'), c.get('content')) for c in e.get('media_credit', [])]

say(not d.bozo, 'well-formed for feedparser')
say('今日导读' not in by, 'the heading alone is not an entry')
say(all(e.get('summary') for e in d.entries), 'no entry without a summary')

if seed:
    e = by['加快建设中西部国际交往中心 重庆“国际范”越来越足']
    say(names(e.authors) == ['何春阳'], 'seed: the author %r' % names(e.authors))
    say(names(e.contributors) == ['龙帆', '谢智强'], 'seed: the photographers %r' % names(e.contributors))
    say('外国代表团一行详细了解西部(重庆)科学城发展情况。(摄于2021年11月26日)（首席记者 龙帆 摄/视觉重庆）' in caps(e),
        'seed: the credit in its caption %r' % caps(e))
    say(not e.summary.startswith('□'), 'seed: the byline is not the summary')

# photos: each credit form, its photographer and its agency
e = by['石门大桥景观照明今晚亮灯']
say(caps(e) == ['7月16日晚，调试中的石门大桥景观照明。（首席记者 龙帆 摄/视觉重庆）'],
    '摄/视觉重庆: the credit in the caption %r' % caps(e))
say(credits(e) == [('photographer', '龙帆'), ('distributor', '视觉重庆')],
    '摄/视觉重庆: media_credit %r' % credits(e))
say(names(e.authors) == ['周岚'] and names(e.contributors) == ['龙帆'],
    '摄/视觉重庆: author and contributor')
for title, cap, want in [
        ('外国友人体验民俗文化', '巴南区丰盛古镇，外国友人正在体验中国民俗文化。（新华社记者 张三 摄）',
         [('photographer', '张三'), ('distributor', '新华社')]),
        ('长江上游航运繁忙', '7月11日，货轮在长江重庆段航行。（新华社发）',
         [('distributor', '新华社')]),
        ('江北嘴夜景', '7月11日晚的江北嘴。（图/李五）', [('photographer', '李五')]),
        ('朝天门码头', '朝天门码头一角。（王六/摄）', [('photographer', '王六')]),
        ('南滨路', '南滨路上的游客。（摄影 赵七）', [('photographer', '赵七')]),
        ('洪崖洞', '洪崖洞景区。（本报记者 钱八 摄）', [('photographer', '钱八')])]:
    e = by[title]
    say(caps(e) == [cap], '%s: the credit in the caption %r' % (cap[-12:], caps(e)))
    say(credits(e) == want, '%s: media_credit %r' % (cap[-12:], credits(e)))
e = by['磁器口']
say(caps(e) == ['磁器口古镇。\n重庆城市影像工作室出品'],
    'an unrecognised credit line stays in sight')

# agency copy: the dateline stays, the agency is the source and the author,
# its reporters contributors
e = by['国务院常务会议部署稳经济举措']
say(e.content[0].value.startswith('<p>新华社北京7月12日电（记者 张三 李四） 国务院总理'),
    '新华社: the dateline stays in the text')
say(e.get('dc_source') == '新华社', '新华社: the source %r' % e.get('dc_source'))
say(names(e.authors) == ['新华社'], '新华社: the author is the agency %r' % names(e.authors))
say(names(e.contributors) == ['张三', '李四'], '新华社: its reporters contribute %r' % names(e.contributors))
for title, agency in [('中欧班列开行突破万列', '中新社'), ('夏粮丰收', '人民日报')]:
    e = by[title]
    say(e.get('dc_source') == agency and names(e.authors) == [agency],
        '%s: source and author %r %r' % (agency, e.get('dc_source'), names(e.authors)))
e = by['本地新闻']
say(names(e.authors) == ['孙宁'] and not e.get('dc_source'),
    '本报讯 is the paper\'s own: its author, no source')
say(e.content[0].value.startswith('<p>7月12日，市里召开会议'), '本报讯: the lead leaves the text')

# bylines: every form, the lead author first, never the summary
for title, want in [
        ('城市更新让老街焕新颜', ['何静']),
        ('两江新区新添产业园', ['何静', '马骁']),
        ('江北机场新开国际航线', ['何静', '马骁']),
        ('乡村振兴见闻', ['李明']),
        ('奋力谱写新篇章', ['本报评论员']),
        ('以法治护航营商环境', ['王法']),
        ('社区里的志愿者', ['周五', '刘一']),
        ('防汛一线', ['陈二']),
        ('暑期安全提醒', [])]:
    e = by[title]
    say(names(e.get('authors', [])) == want, '%s: authors %r' % (title, names(e.get('authors', []))))
    say(not any(m in e.summary for m in ('记者', '评论员', '通讯员', '□')),
        '%s: the byline is not the summary %r' % (title, e.summary[:20]))
e = by['一张照片']
say(e.summary == '7月12日晚，江北嘴夜景。（记者 谢智强 摄/视觉重庆）',
    'a photo alone: its caption is the summary %r' % e.summary)
EOF
cat >"$tmp/jsonfeed_read.py" <<'EOF'
import json, sys
items = {x['title']: x for x in json.load(open(sys.argv[1], encoding='utf-8'))['items']}
def say(ok, what):
    print(('ok' if ok else 'FAIL') + ' ' + what)
it = items['国务院常务会议部署稳经济举措']
say(it['_feedgen'].get('source') == {'name': '新华社'}, 'JSON Feed: _feedgen.source %r' % it['_feedgen'].get('source'))
say(it.get('authors') == [{'name': '新华社'}], 'JSON Feed: the agency is the author')
say([c['name'] for c in it['_feedgen']['contributors']] == ['张三', '李四'], 'JSON Feed: its reporters contribute')
ph = items['石门大桥景观照明今晚亮灯']['_feedgen']['photo']
say(ph['credits'] == [{'name': '龙帆', 'role': 'photographer'}, {'name': '视觉重庆', 'role': 'distributor'}],
    'JSON Feed: the photo credits with their roles %r' % ph['credits'])
say(ph['caption'].endswith('（首席记者 龙帆 摄/视觉重庆）'), 'JSON Feed: the caption with its credit')
say([a['name'] for a in items['江北机场新开国际航线']['authors']] == ['何静', '马骁'],
    'JSON Feed: the lead author first')
EOF
if [ -z "$py" ]; then
	skip "feedparser reads the edition" "python3-feedparser is not installed (sh setup.sh)"
else
	for f in atom.xml rss.xml; do
		"$py" "$tmp/read.py" "$tmp/o/$f" "$seed" >"$tmp/fp" 2>&1
		if [ $? -ne 0 ]; then not_ok "feedparser reads $f"; sed 's/^/#   /' "$tmp/fp" | tail -10; continue; fi
		while read -r verdict what; do
			if [ "$verdict" = ok ]; then ok "feedparser, $f: $what"; else not_ok "feedparser, $f: $what"; fi
		done <"$tmp/fp"
	done
	"$py" "$tmp/jsonfeed_read.py" "$tmp/o/feed.json" >"$tmp/js" 2>&1 ||
		{ not_ok "the JSON Feed reads"; sed 's/^/#   /' "$tmp/js" | tail -5; }
	while read -r verdict what; do
		if [ "$verdict" = ok ]; then ok "$what"; else not_ok "$what"; fi
	done <"$tmp/js"
fi

# --- Chromium: the credits are in sight in the captions ---------------------------
chrome=
for p in "${CHROMIUM:-}" /usr/bin/chromium chromium chromium-browser; do
	[ -n "$p" ] && command -v "$p" >/dev/null 2>&1 && { chrome=$p; break; }
done
if [ -z "$chrome" ] || [ -z "$py" ]; then
	skip "headless Chromium shows the credits" "chromium or python3-feedparser is not installed (sh setup.sh)"
	finish
fi
# every entry's HTML on one page, as a reader shows it; a probe lists each
# caption's text as rendered (innerText: what is in sight) and its height
cat >"$tmp/page.py" <<'EOF'
import json, sys
items = json.load(open(sys.argv[1], encoding='utf-8'))['items']
probe = '''<script>
window.addEventListener('load', function () {
  var lines = [];
  document.querySelectorAll('figcaption').forEach(function (c) {
    lines.push(Math.round(c.getBoundingClientRect().height) + ' ' + c.innerText.replace(/\\n/g, ' '));
  });
  document.getElementById('result').textContent = 'RESULT\\n' + lines.join('\\n') + '\\nEND';
});
</script>'''
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>\n')
    for it in items:
        f.write('<h1>%s</h1>\n<article>%s</article>\n' % (it['title'], it['content_html']))
    f.write('<pre id="result"></pre>\n%s\n</body></html>\n' % probe)
EOF
"$py" "$tmp/page.py" "$tmp/o/feed.json" "$tmp/entries.html"
timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic \
	--no-first-run --disable-background-networking --disable-component-update \
	--disable-sync --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" \
	--dump-dom "file://$tmp/entries.html" >"$tmp/dom" 2>"$tmp/chrome.err"
sed -n '/RESULT$/,/^END/p' "$tmp/dom" >"$tmp/result"
if ! grep -q '^END' "$tmp/result"; then
	not_ok "Chromium loads the entries"; sed 's/^/#   /' "$tmp/chrome.err" | tail -5
	finish
fi
ok "Chromium loads the entries"
for credit in "（首席记者 龙帆 摄/视觉重庆）" "（新华社记者 张三 摄）" "（新华社发）" "（图/李五）" \
	"（王六/摄）" "（摄影 赵七）" "（本报记者 钱八 摄）" "重庆城市影像工作室出品"; do
	if awk -v c="$credit" '$1 > 0 && index($0, c)' "$tmp/result" | grep -q .; then
		ok "Chromium shows $credit in its caption"
	else
		not_ok "Chromium shows $credit in its caption"; sed 's/^/#   /' "$tmp/result" | head -12
	fi
done
finish
