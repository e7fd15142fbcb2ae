/* Small helpers every part of the program uses: memory, errors, numbers. */
#ifndef WIRETOP_UTIL_H
#define WIRETOP_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

/* Allocation that cannot fail: out of memory is fatal. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);
/* A malloc'd printf result (for char **cause). */
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "wiretop: <cause>" on stderr (the one line an error gets), free
   cause, return status: return complain(cause, 1). */
int	 complain(char *cause, int status);

/* Hooks run before a fatal message is printed (the UI restores the
   terminal here). */
void	 util_set_fatal_hook(void (*hook)(void));
/* Print "wiretop: <message>" on stderr and exit 1. */
void	 fatal(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/*
 * Parse a non-negative count with an optional k/M/G suffix (powers of
 * 1000 when scale is 1000, 1024 when 1024).  False if s is not such a
 * number or exceeds max.
 */
bool	 parse_count(const char *s, uint64_t scale, uint64_t max,
	    uint64_t *out);
/* Parse a non-negative decimal number of seconds ("2.5"). */
bool	 parse_seconds(const char *s, double *out);

/* The program's two clocks, in nanoseconds: monotonic (waits, frame
   pacing, rates) and the wall clock (the time scale of packet
   timestamps). */
int64_t	 mono_ns(void);
int64_t	 wall_ns(void);
#define NS_PER_SEC	1000000000LL
#define NS_PER_MS	1000000LL

#endif
