/*
 * codes.c - the registries some values must come from, as data: the
 * ISO 639 language codes (the primary language subtags of RFC 5646
 * §2.2.1), the ISO 3166-1 alpha-2 country codes (codes_data.h, generated
 * from Debian's iso-codes by tests/catalogue/gen_codes.py) and the URI
 * schemes of the IANA registry (RFC 7595).
 */
#include "value.h"

#include <string.h>

#include "ascii.h"
#include "codes_data.h"

/* code (width letters, any case) in rows of sorted codes, n in all */
static int in_rows(const char *const *rows, size_t n, size_t width,
		   const char *code, size_t len)
{
	size_t lo = 0, hi = n, per = 72 / width, i;
	char c[4];

	if (len != width)
		return 0;
	for (i = 0; i < width; i++) {
		if (!IS_ALPHA(code[i]))
			return 0;
		c[i] = (char)TO_LOWER((unsigned char)code[i]);
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int d = memcmp(rows[mid / per] + (mid % per) * width, c, width);
		if (!d)
			return 1;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int fc_language_known(const char *code, size_t len)
{
	return in_rows(iso639_2, ISO639_2_N, 2, code, len) ||
	       in_rows(iso639_3, ISO639_3_N, 3, code, len);
}

int fc_country_known(const char *code, size_t len)
{
	return in_rows(iso3166_2, ISO3166_2_N, 2, code, len);
}

/*
 * IANA "Uniform Resource Identifier (URI) Schemes", permanent and
 * provisional (the historical ones are left out: a feed should not use
 * them), sorted.
 */
static const char *const schemes[] = {
	"aaa", "aaas", "about", "acap", "acct", "acd", "acr", "adiumxtra",
	"afp", "afs", "aim", "amss", "android", "appdata", "apt", "ar", "ark",
	"attachment", "aw", "barion", "bb", "beshare", "bitcoin",
	"bitcoincash", "blob", "bolo", "brid", "browserext", "cabal", "calculator",
	"callto", "cap", "cast", "casts", "chrome", "chrome-extension", "cid",
	"coap", "coap+tcp", "coap+ws", "coaps", "coaps+tcp", "coaps+ws",
	"com-eventbrite-attendee", "content", "content-type", "crid", "cstr",
	"cvs", "dab", "dat", "data", "dav", "dhttp", "diaspora", "dict", "did",
	"dis", "dlna-playcontainer", "dlna-playsingle", "dns", "dntp", "doi",
	"dpp", "drm", "dtmi", "dtn", "dvb", "dvx", "dweb", "ed2k", "eid", "elsi",
	"embedded", "ens", "ethereum", "example", "facetime", "feed", "feedready",
	"fido", "file", "finger", "first-run-pen-experience", "fish", "fm",
	"ftp", "fuchsia-pkg", "geo", "gg", "git", "gitoid", "gizmoproject",
	"go", "gopher", "graph", "grd", "gtalk", "h323", "ham", "hcap", "hcp",
	"hs20", "http", "https", "hxxp", "hxxps", "hydrazone", "hyper", "iax",
	"icap", "icon", "im", "imap", "info", "iotdisco", "ipfs", "ipn", "ipns",
	"ipp", "ipps", "irc", "irc6", "ircs", "iris", "iris.beep", "iris.lwz",
	"iris.xpc", "iris.xpcs", "isostore", "itms", "jabber", "jar", "jms",
	"keyparc", "lastfm", "lbry", "ldap", "ldaps", "leaptofrogans", "lorawan",
	"lpa", "lvlt", "magnet", "mailserver", "mailto", "maps", "market",
	"matrix", "message", "microsoft.windows.camera",
	"microsoft.windows.camera.multipicker",
	"microsoft.windows.camera.picker", "mid", "mms", "modem", "mongodb",
	"moz", "ms-access", "ms-appinstaller", "ms-browser-extension",
	"ms-calculator", "ms-drive-to", "ms-enrollment", "ms-excel",
	"ms-eyecontrolspeech", "ms-gamebarservices", "ms-gamingoverlay",
	"ms-getoffice", "ms-help", "ms-infopath", "ms-inputapp",
	"ms-launchremotedesktop", "ms-lockscreencomponent-config",
	"ms-media-stream-id", "ms-meetnow", "ms-mixedrealitycapture",
	"ms-mobileplans", "ms-newsandinterests", "ms-officeapp", "ms-people",
	"ms-powerpoint", "ms-project", "ms-publisher", "ms-remotedesktop",
	"ms-remotedesktop-launch", "ms-restoretabcompanion",
	"ms-screenclip", "ms-screensketch", "ms-search", "ms-search-repair",
	"ms-secondary-screen-controller", "ms-secondary-screen-setup",
	"ms-settings", "ms-settings-airplanemode", "ms-settings-bluetooth",
	"ms-settings-camera", "ms-settings-cellular", "ms-settings-cloudstorage",
	"ms-settings-connectabledevices", "ms-settings-displays-topology",
	"ms-settings-emailandaccounts", "ms-settings-language",
	"ms-settings-location", "ms-settings-lock", "ms-settings-nfctransactions",
	"ms-settings-notifications", "ms-settings-power", "ms-settings-privacy",
	"ms-settings-proximity", "ms-settings-screenrotation", "ms-settings-wifi",
	"ms-settings-workplace", "ms-spd", "ms-stickers", "ms-sttoverlay",
	"ms-transit-to", "ms-useractivityset", "ms-virtualtouchpad",
	"ms-visio", "ms-walk-to", "ms-whiteboard", "ms-whiteboard-cmd",
	"ms-word", "msnim", "msrp", "msrps", "mss", "mt", "mtqp", "mumble",
	"mupdate", "mvn", "mvrp", "mvrps", "news", "nfs", "ni", "nih", "nntp",
	"notes", "num", "ocf", "oid", "onenote", "onenote-cmd", "opaquelocktoken",
	"openid", "openpgp4fpr", "otpauth", "p1", "pack", "palm", "paparazzi",
	"payment", "payto", "pkcs11", "platform", "pop", "pres", "prospero",
	"proxy", "pwid", "psyc", "pttp", "qb", "query", "quic-transport",
	"redis", "rediss", "reload", "res", "resource", "rmi", "rsync", "rtmfp",
	"rtmp", "rtsp", "rtsps", "rtspu", "sarif", "secondlife", "secret-token",
	"service", "session", "sftp", "sgn", "shc", "shttp", "sieve", "simpleledger",
	"simplex", "sip", "sips", "skype", "smb", "smp", "sms", "smtp", "snews",
	"snmp", "soap.beep", "soap.beeps", "soldat", "spiffe", "spotify", "ssb",
	"ssh", "starknet", "steam", "stun", "stuns", "submit", "svn", "swh",
	"swid", "swidpath", "tag", "taler", "teamspeak", "tel", "teliaeid",
	"telnet", "tftp", "things", "thismessage", "tip", "tn3270", "tool",
	"turn", "turns", "tv", "udp", "unreal", "upt", "urn", "ut2004", "uuid-in-package",
	"v-event", "vemmi", "ventrilo", "ves", "videotex", "vnc", "view-source",
	"vscode", "vscode-insiders", "vsls", "w3", "wais", "web3", "wcr",
	"webcal", "web+ap", "wifi", "wpid", "ws", "wss", "wtai", "wyciwyg",
	"xcon", "xcon-userid", "xfire", "xmlrpc.beep", "xmlrpc.beeps", "xmpp",
	"xftp", "xrcp", "xri", "ymsgr", "z39.50r", "z39.50s",
};

int fc_uri_scheme_known(const char *s, size_t len)
{
	char low[48];
	size_t i;

	if (!len || len >= sizeof(low))
		return 0;
	for (i = 0; i < len; i++)
		low[i] = (char)TO_LOWER((unsigned char)s[i]);
	low[len] = '\0';
	/* a short list, and looked at only for schemes other than http(s) */
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (!strcmp(schemes[i], low))
			return 1;
	return 0;
}
