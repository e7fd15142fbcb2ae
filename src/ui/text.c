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

int
ui_text(WINDOW *w, int y, int x, const char *s, int cols)
{
	char buf[TEXT_MAX * ESCAPE_MAX_GROWTH + 1];
	wchar_t wbuf[TEXT_MAX + 1];
	mbstate_t st;
	size_t len, i = 0, n = 0, k;
	int used = 0, cw;

	if (cols <= 0)
		return 0;
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
		if (used + cw > cols)
			break;
		wbuf[n++] = wc;
		used += cw;
		i += k;
	}
	wbuf[n] = L'\0';
	mvwaddnwstr(w, y, x, wbuf, (int)n);
	return used;
}
