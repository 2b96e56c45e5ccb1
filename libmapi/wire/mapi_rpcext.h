/*
 * The extended buffer of EcDoConnectEx / EcDoRpcExt2 (rgbIn, rgbOut, rgbAuxIn, rgbAuxOut) and of
 * the MAPI/HTTP Connect and Execute bodies: a chain of RPC_HEADER_EXT + payload pairs ending at
 * the header flagged Last (MS-OXCRPC 2.2.2.1, 3.1.4.1.1, 3.1.4.2.1), each payload optionally
 * LZ77-compressed (mapi_lz77.h) and/or XOR-obfuscated (3.1.4.1.1.3).
 *
 * What parsing enforces (each violation gives ecRpcFormat unless said otherwise):
 *   - a buffer shorter than one header: ecRpcFailed (3.1.4.2, cbIn);
 *   - Version 0; no flag bits beyond Compressed, XorMagic and Last;
 *   - Size within the buffer; without Compressed, SizeActual == Size; with it, Size < SizeActual;
 *   - SizeActual at most the caller's cap (at most 32 KB, 3.1.4.2.1);
 *   - a compressed payload decompresses to exactly SizeActual bytes;
 *   - the chain ends with a Last header, exactly at the end of the buffer, after at most
 *     MAPI_RPCEXT_MAX_PAYLOADS payloads (3.1.4.2.1.2).
 * rgbAuxIn and rgbAuxOut hold a single header (3.1.4.1.1.1.x). rgbIn does too unless the server
 * advertised packed uploads in AUX_SERVER_CAPABILITIES (later MS-OXCRPC versions, 3.1.4.2.1.2.1,
 * requirements R1649001-R1649007, R1775001); a caller that wants one header checks the count.
 * The 96-payload cap is the spec's rgbOut limit, applied to every buffer.
 */
#ifndef SAMBEX_MAPI_RPCEXT_H
#define SAMBEX_MAPI_RPCEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_status.h"

/* 2.2.2.1 */
#define MAPI_RPCEXT_HEADER_SIZE 8
#define MAPI_RPCEXT_VERSION 0x0000
#define MAPI_RPCEXT_COMPRESSED 0x0001
#define MAPI_RPCEXT_XORMAGIC 0x0002
#define MAPI_RPCEXT_LAST 0x0004
#define MAPI_RPCEXT_FLAGS_KNOWN 0x0007

/* 3.1.4.1.1, 3.1.4.2.1: "A single payload MUST NOT exceed 32 KB in size." */
#define MAPI_RPCEXT_MAX_PAYLOAD 0x8000
/* 3.1.4.2.1.2: at most 96 payloads in one rgbOut. */
#define MAPI_RPCEXT_MAX_PAYLOADS 96
/*
 * 3.1.4.2: the largest cbIn / pcbOut (larger fails with RPC_X_BAD_STUB_DATA, an RPC status the
 * transport returns: parsing does not check it) and the largest cbAuxIn / pcbAuxOut.
 */
#define MAPI_RPCEXT_MAX_BUFFER 0x40000
/* pcbOut limit once the server advertised ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS (R666001) */
#define MAPI_RPCEXT_MAX_BUFFER_ULTRA_LARGE 0x100000
#define MAPI_RPCEXT_MAX_AUX_BUFFER 0x1008
/* 3.1.4.1.1.3 */
#define MAPI_RPCEXT_XOR_MAGIC 0xA5

/* One RPC_HEADER_EXT, fields as on the wire. */
struct mapi_rpcext_header {
	uint16_t version;
	uint16_t flags;
	uint16_t size;
	uint16_t size_actual;
};

/*
 * One payload of a chain. From mapi_rpcext_parse: header as received, data the plain payload
 * (de-obfuscated, decompressed; header.size_actual bytes, followed by one zero byte that length
 * does not count). For mapi_rpcext_build: only data, length and the Compressed / XorMagic bits of
 * header.flags are read.
 */
struct mapi_rpcext_payload {
	struct mapi_rpcext_header header;
	uint8_t *data;
	size_t length;
};

/* Reads the 8 header bytes at buf (the caller checks there are 8). Never fails. */
void mapi_rpcext_header_pull(const uint8_t *buf, struct mapi_rpcext_header *header_r);

/* Writes the 8 header bytes to buf. */
void mapi_rpcext_header_push(const struct mapi_rpcext_header *header, uint8_t *buf);

/* XORs len bytes with 0xA5 in place (3.1.4.1.1.3); applying it twice restores the data. */
void mapi_rpcext_xor(uint8_t *data, size_t len);

/*
 * Parses a whole extended buffer. max_payload caps SizeActual (0 means MAPI_RPCEXT_MAX_PAYLOAD;
 * larger values are lowered to it). On success *payloads_r is a new array of *count_r (>= 1)
 * payloads on mem_ctx, their data owned by the array.
 * Returns 0, ecRpcFailed, ecRpcFormat (see the list above) or
 * MAPI_E_NOT_ENOUGH_MEMORY; on error *payloads_r is NULL and nothing is left on mem_ctx.
 */
uint32_t mapi_rpcext_parse(TALLOC_CTX *mem_ctx, const uint8_t *buf, size_t len, size_t max_payload,
			   struct mapi_rpcext_payload **payloads_r, size_t *count_r);

/*
 * Builds an extended buffer from count (>= 1) payloads: one header per payload, Last on the final
 * one only. A payload whose header.flags asks for Compressed is compressed unless compression
 * would not make it strictly smaller (2.2.2.1 requires Size < SizeActual), in which case it goes
 * uncompressed; XorMagic obfuscates after compressing. The result is at most max_size bytes
 * (the caller's pcbOut / pcbAuxOut); it is a new array on mem_ctx (*buf_r, *len_r).
 * Returns 0; MAPI_E_INVALID_PARAMETER for count 0, more than MAPI_RPCEXT_MAX_PAYLOADS payloads or
 * a payload over MAPI_RPCEXT_MAX_PAYLOAD bytes; ecTooBig if the result would exceed
 * max_size; MAPI_E_NOT_ENOUGH_MEMORY. On error *buf_r is NULL.
 */
uint32_t mapi_rpcext_build(TALLOC_CTX *mem_ctx, const struct mapi_rpcext_payload *payloads,
			   size_t count, size_t max_size, uint8_t **buf_r, size_t *len_r);

#endif
