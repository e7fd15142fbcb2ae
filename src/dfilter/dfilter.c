/*
 * Display filters: compile (lex, parse, check) once, then evaluate on
 * records; the filter's slots tell the caller which fields and protocols
 * to put in the record.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dfilter/dfilter_impl.h"
#include "escape.h"
#include "util.h"

/*
 * A cause quotes the expression's text, decoded ("\12" is a newline):
 * escaped through the shared rule it stays one line on any terminal.
 */
static char *
cause_escaped(char *cause)
{
	size_t n = strlen(cause), size = n * ESCAPE_MAX_GROWTH + 1;
	char *out = xmalloc(size);

	escape_text(out, size, cause, n);
	free(cause);
	return out;
}

static struct dfilter *
compile(const char *expr, const struct df_names *ns, char **cause)
{
	struct df_token *toks;
	struct dfilter *df;
	int ntoks;

	*cause = NULL;
	if (df_lex(expr, &toks, &ntoks, cause) != 0)
		return NULL;
	df = xcalloc(1, sizeof *df);
	df->text = xstrdup(expr);
	if (df_parse(df, toks, ntoks, ns, cause) != 0) {
		df_tokens_free(toks, ntoks);
		dfilter_free(df);
		return NULL;
	}
	df_tokens_free(toks, ntoks);
	return df;
}

struct dfilter *
dfilter_compile(const char *expr, const struct df_names *ns, char **cause)
{
	struct dfilter *df = compile(expr, ns, cause);

	if (df == NULL && *cause != NULL)
		*cause = cause_escaped(*cause);
	return df;
}

void
dfilter_free(struct dfilter *df)
{
	int i;

	if (df == NULL)
		return;
	for (i = 0; i < df->nnodes; i++) {
		if (df->nodes[i].md != NULL)
			pcre2_match_data_free(df->nodes[i].md);
		if (df->nodes[i].re != NULL)
			pcre2_code_free(df->nodes[i].re);
	}
	free(df->nodes);
	free(df->sets);
	free(df->slots);
	df_pool_free(&df->pool);
	free(df->text);
	free(df);
}

const char *
dfilter_text(const struct dfilter *df)
{
	return df->text;
}

int
dfilter_slots(const struct dfilter *df)
{
	return df->nslots;
}

const struct field_def *
dfilter_slot_field(const struct dfilter *df, int i)
{
	return i >= 0 && i < df->nslots ? df->slots[i].def : NULL;
}

int
dfilter_slot_proto(const struct dfilter *df, int i)
{
	return i >= 0 && i < df->nslots ? df->slots[i].proto : -1;
}

int
dfilter_field_slot(const struct dfilter *df, const struct field_def *def)
{
	int i;

	for (i = 0; i < df->nslots; i++)
		if (df->slots[i].def == def && def != NULL)
			return i;
	return -1;
}

int
dfilter_proto_slot(const struct dfilter *df, int p)
{
	int i;

	for (i = 0; i < df->nslots; i++)
		if (df->slots[i].def == NULL && df->slots[i].proto == p)
			return i;
	return -1;
}
