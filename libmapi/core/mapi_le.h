/*
 * Little-endian loads and stores: every integer in MAPI wire formats (ROP buffers, RPC_HEADER_EXT,
 * auxiliary blocks, LZ77 metadata) and in the engine protocol is little-endian. Callers check the
 * bounds; these only read or write the bytes they are given.
 */
#ifndef SAMBEX_MAPI_LE_H
#define SAMBEX_MAPI_LE_H

#include <stdint.h>

static inline uint16_t mapi_le16_get(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t mapi_le32_get(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t mapi_le64_get(const uint8_t *p)
{
	return (uint64_t)mapi_le32_get(p) | (uint64_t)mapi_le32_get(p + 4) << 32;
}

static inline void mapi_le16_put(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void mapi_le32_put(uint8_t *p, uint32_t v)
{
	mapi_le16_put(p, (uint16_t)v);
	mapi_le16_put(p + 2, (uint16_t)(v >> 16));
}

static inline void mapi_le64_put(uint8_t *p, uint64_t v)
{
	mapi_le32_put(p, (uint32_t)v);
	mapi_le32_put(p + 4, (uint32_t)(v >> 32));
}

#endif
