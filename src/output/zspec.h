/*
 * What one -z argument asks for (tshark's "conv,ip", "endpoints,tcp,FILTER",
 * "io,phs"): the table's kind and its own display filter.  Parsed while
 * the command line is, so that a bad argument is a usage error before any
 * capture opens; the tables themselves are in ztables.h.
 */
#ifndef WIRETOP_ZSPEC_H
#define WIRETOP_ZSPEC_H

enum zkind {
	Z_CONV_ETH,
	Z_CONV_IP,
	Z_CONV_IPV6,
	Z_CONV_TCP,
	Z_CONV_UDP,
	Z_ENDP_ETH,
	Z_ENDP_IP,
	Z_ENDP_IPV6,
	Z_ENDP_TCP,
	Z_ENDP_UDP,
	Z_PHS
};

/* Is k a conversation table (else an endpoint table or io,phs)? */
#define zkind_is_conv(k)	((k) <= Z_CONV_UDP)
#define zkind_is_endp(k)	((k) >= Z_ENDP_ETH && (k) <= Z_ENDP_UDP)

/* -z arguments one run takes at most. */
#define ZSPEC_MAX	16

struct zspec {
	enum zkind	 kind;
	const char	*filter;	/* into the argument; NULL: none */
};

/* Parse a -z argument into spec (which points into arg).  0, or -1 with
   *cause (caller frees) saying what is wrong. */
int	zspec_parse(const char *arg, struct zspec *spec, char **cause);

#endif
