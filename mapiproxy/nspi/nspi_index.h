/*
 * nspi_index: a hash map from a string key, compared ASCII-case-insensitively, to an address book
 * entry — how a session finds its entries by directory DN and by address book DN without a
 * linear search per lookup (loading a 40,000-row address list used to be quadratic).
 *
 * Keys are not copied: each key must live as long as the index (the entries own them).
 */
#ifndef SAMBEX_NSPI_INDEX_H
#define SAMBEX_NSPI_INDEX_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

struct nspi_entry;
struct nspi_index;

/* An empty index on mem_ctx; NULL on ENOMEM. */
struct nspi_index *nspi_index_new(TALLOC_CTX *mem_ctx);

/*
 * Maps key to e unless key is there already (the first entry keeps it). Returns false only on
 * ENOMEM (the index is then unchanged).
 */
bool nspi_index_put(struct nspi_index *index, const char *key, struct nspi_entry *e);

/* The entry of key (ASCII case ignored), or NULL. */
struct nspi_entry *nspi_index_get(const struct nspi_index *index, const char *key);

#endif
