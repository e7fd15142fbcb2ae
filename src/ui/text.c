/*
 * Drawing text: escape it, then hand curses whole characters, counted in
 * screen columns rather than bytes (a byte count would cut a UTF-8
 * sequence in two and leave curses half a character).
 */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include "escape.h"
#include "ui/text.h"

/* Longest text one call draws: wider than any terminal line. */
#define TEXT_MAX	2048

static bool text_utf8;

void
ui_text_init(bool utf8)
{
	text_utf8 = utf8;
}

/*
 * Turn s, escaped, into at most TEXT_MAX whole characters of at most cols
 * screen columns in wbuf (NUL-terminated).  Sets *all to whether every
 * character fitted; returns the columns they take.
 */
static int
text_wide(const char *s, int cols, wchar_t *wbuf, bool *all)
{
	char buf[TEXT_MAX * ESCAPE_MAX_GROWTH + 1];
	mbstate_t st;
	size_t len, i = 0, n = 0, k;
	int used = 0, cw;

	*all = true;
	len = strlen(s);
	if (len > TEXT_MAX)
		len = TEXT_MAX;
	len = escape_text(buf, sizeof buf, s, len);
	memset(&st, 0, sizeof st);
	while (i < len && n < TEXT_MAX) {
		wchar_t wc;

		if ((unsigned char)buf[i] < 0x80) {
			wc = (wchar_t)buf[i];
			k = 1;
		} else if (!text_utf8) {
			wc = L'?';	/* the terminal cannot show it */
			for (k = 1; i + k < len &&
			    ((unsigned char)buf[i + k] & 0xc0) == 0x80; k++)
				;
		} else {
			k = mbrtowc(&wc, buf + i, len - i, &st);
			if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
				memset(&st, 0, sizeof st);
				wc = L'?';
				k = 1;
			}
		}
		cw = wcwidth(wc);
		if (cw < 0) {
			wc = L'?';
			cw = 1;
		}
		if (used + cw > cols) {
			*all = false;
			break;
		}
		wbuf[n++] = wc;
		used += cw;
		i += k;
	}
	if (i < len)
		*all = false;
	wbuf[n] = L'\0';
	return used;
}

int
ui_text(WINDOW *w, int y, int x, const char *s, int cols)
{
	wchar_t wbuf[TEXT_MAX + 1];
	bool all;
	int used;

	if (cols <= 0)
		return 0;
	used = text_wide(s, cols, wbuf, &all);
	mvwaddnwstr(w, y, x, wbuf, (int)wcslen(wbuf));
	return used;
}

int
ui_text_width(const char *s)
{
	wchar_t wbuf[TEXT_MAX + 1];
	bool all;

	return text_wide(s, TEXT_MAX * 2, wbuf, &all);
}

int
ui_text_cut(WINDOW *w, int y, int x, const char *s, int cols)
{
	wchar_t wbuf[TEXT_MAX + 1];
	bool all;
	int used;

	if (cols <= 0)
		return 0;
	used = text_wide(s, cols, wbuf, &all);
	if (!all) {
		/* Room for the ellipsis: the characters in cols - 1. */
		used = text_wide(s, cols - 1, wbuf, &all);
		mvwaddnwstr(w, y, x, wbuf, (int)wcslen(wbuf));
		mvwaddnwstr(w, y, x + used, text_utf8 ? L"\u2026" : L"~", 1);
		return used + 1;
	}
	mvwaddnwstr(w, y, x, wbuf, (int)wcslen(wbuf));
	return used;
}
