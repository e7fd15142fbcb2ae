/*
 * The one escaping rule for text that comes from the wire, from a capture
 * file or from the resolver (DNS names, TXT data, pcapng interface names
 * and comments, reverse-DNS answers), applied before any of it reaches an
 * output: the terminal, -P/-V/-T text, JSON.
 *
 * The rule is tshark's (format_text() in Wireshark 4.0):
 *   - printable ASCII and printable UTF-8 stay as they are;
 *   - BEL BS TAB LF VT FF CR become \a \b \t \n \v \f \r;
 *   - every other C0 control byte, NUL and DEL become three-digit octal
 *     (\000, \033, \177);
 *   - a code point that is valid UTF-8 but not printable (C1 controls
 *     U+0080..U+009F, bidi and other format characters such as U+202E,
 *     line and paragraph separators, noncharacters) becomes \uXXXX, or
 *     \UXXXXXXXX above U+FFFF, in upper-case hex;
 *   - a byte that is not part of valid UTF-8 becomes U+FFFD, one for each
 *     such byte.
 * The result is valid UTF-8 holding no control character and no bidi
 * control, and escaping it again changes nothing, so an output may pass
 * text that was escaped where it was read through the rule once more.
 */
#ifndef WIRETOP_ESCAPE_H
#define WIRETOP_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* The most bytes one input byte can become (an octal escape; a 4-byte
   sequence becomes at most 10 bytes, 2.5 a byte). */
#define ESCAPE_MAX_GROWTH	4

/*
 * Escape n bytes at p into buf (size bytes, size > 0), always
 * NUL-terminated.  When buf is too small the text ends before the first
 * escape or character that does not fit whole: never inside a UTF-8
 * sequence or an escape.  Returns the length written (without the NUL).
 * An input NUL is escaped like any other control byte, so a NUL never
 * ends the text early.
 */
size_t	escape_text(char *buf, size_t size, const void *p, size_t n);
/* The same for a C string. */
size_t	escape_str(char *buf, size_t size, const char *s);
/* Is escape_text() of these n bytes the bytes themselves? */
int	escape_is_clean(const void *p, size_t n);
/* Write n bytes escaped to out. */
void	escape_fwrite(FILE *out, const void *p, size_t n);
/* Write a C string escaped to out. */
void	escape_fputs(FILE *out, const char *s);
/*
 * Write n bytes as a JSON string (with its quotes): the text escaped by
 * the rule above, then '"' and '\' escaped as JSON wants.  The result is
 * always valid JSON and valid UTF-8, whatever the input.
 */
void	escape_json(FILE *out, const void *p, size_t n);
/*
 * Cut a UTF-8 text of len bytes back to a character boundary: the length
 * of the longest prefix that does not end inside a sequence.
 */
size_t	escape_utf8_boundary(const char *s, size_t len);

#endif
