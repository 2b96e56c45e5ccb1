/*
 * nspi_index: open addressing with linear probing, at most half full, over FNV-1a hashes of the
 * ASCII-lowercased key.
 */
#include <string.h>
#include <strings.h>

#include "nspi_index.h"

#define INDEX_FIRST_SIZE 64U

struct nspi_index_slot {
	uint32_t hash;
	const char *key;		/* NULL: free */
	struct nspi_entry *entry;
};

struct nspi_index {
	struct nspi_index_slot *slots;
	uint32_t size;			/* a power of two, or 0 */
	uint32_t used;
};

static uint32_t hash_key(const char *key)
{
	uint32_t h = 2166136261U;

	for (const unsigned char *p = (const unsigned char *)key; *p != '\0'; p++) {
		unsigned char c = *p >= 'A' && *p <= 'Z' ? (unsigned char)(*p + 32) : *p;

		h = (h ^ c) * 16777619U;
	}
	return h;
}

struct nspi_index *nspi_index_new(TALLOC_CTX *mem_ctx)
{
	return talloc_zero(mem_ctx, struct nspi_index);
}

/* The slot holding key, or the free slot where it would go. */
static struct nspi_index_slot *find_slot(struct nspi_index_slot *slots, uint32_t size,
					 uint32_t hash, const char *key)
{
	uint32_t i = hash & (size - 1);

	while (slots[i].key != NULL &&
	       (slots[i].hash != hash || strcasecmp(slots[i].key, key) != 0)) {
		i = (i + 1) & (size - 1);
	}
	return &slots[i];
}

/* Doubles the slots (rehashing what is there); false on ENOMEM or past 2^31 slots. */
static bool grow(struct nspi_index *index)
{
	uint32_t size = index->size == 0 ? INDEX_FIRST_SIZE : index->size * 2;
	struct nspi_index_slot *slots;

	if (size <= index->size) {
		return false;
	}
	slots = talloc_zero_array(index, struct nspi_index_slot, size);
	if (slots == NULL) {
		return false;
	}
	for (uint32_t i = 0; i < index->size; i++) {
		if (index->slots[i].key != NULL) {
			*find_slot(slots, size, index->slots[i].hash, index->slots[i].key) =
				index->slots[i];
		}
	}
	talloc_free(index->slots);
	index->slots = slots;
	index->size = size;
	return true;
}

bool nspi_index_put(struct nspi_index *index, const char *key, struct nspi_entry *e)
{
	uint32_t hash = hash_key(key);
	struct nspi_index_slot *slot;

	if ((index->used + 1) * 2 > index->size && !grow(index)) {
		return false;
	}
	slot = find_slot(index->slots, index->size, hash, key);
	if (slot->key == NULL) {
		slot->hash = hash;
		slot->key = key;
		slot->entry = e;
		index->used++;
	}
	return true;
}

struct nspi_entry *nspi_index_get(const struct nspi_index *index, const char *key)
{
	struct nspi_index_slot *slot;

	if (index->size == 0) {
		return NULL;
	}
	slot = find_slot(index->slots, index->size, hash_key(key), key);
	return slot->key != NULL ? slot->entry : NULL;
}
