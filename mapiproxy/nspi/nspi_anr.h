/*
 * nspi_anr: ambiguous name resolution over the session's GAL in memory. MS-OXNSPI 3.1.1.6
 * leaves the algorithm to the server; ours follows the shape of the directory's own ANR
 * (MS-ADTS 3.1.1.3.1.3.4) on the GAL rows the session already holds, so a name resolves with a
 * few binary searches instead of an unindexed directory search:
 *
 *   - "text" matches a row when one of its display name, alias (sAMAccountName), mail, office,
 *     or the address of a proxyAddresses value ("smtp:a@b" → "a@b") begins with text, or its
 *     givenName or sn does, or its address book DN (legacyExchangeDN) is text;
 *   - "first last" (a space inside) also matches givenName first* with sn last*, and the reverse;
 *   - "=text" asks for equality instead of a prefix.
 * ASCII letters compare case-insensitively; other bytes as they are. Leading and trailing spaces
 * are ignored.
 */
#ifndef SAMBEX_NSPI_ANR_H
#define SAMBEX_NSPI_ANR_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "nspi_table.h"

struct nspi_anr;

/*
 * The sorted keys of the GAL rows of table (their values stay owned by the entries): on mem_ctx,
 * NULL on ENOMEM. Built once per session, on first use.
 */
struct nspi_anr *nspi_anr_build(TALLOC_CTX *mem_ctx, const struct nspi_table *table);

/*
 * The distinct GAL rows text matches, sorted by display name: *rows_r (on mem_ctx) and *n_r.
 * Returns false on ENOMEM; sets *too_many_r (and returns no rows) when more than max match.
 */
bool nspi_anr_find(TALLOC_CTX *mem_ctx, struct nspi_anr *anr, const struct nspi_table *table,
		   const char *text, uint32_t max, struct nspi_entry ***rows_r, uint32_t *n_r,
		   bool *too_many_r);

#endif
