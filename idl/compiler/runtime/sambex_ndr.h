/*
 * Run-time helpers for the NDR code that idl/compiler generates: bounds and allocation checks,
 * the recursion cap, conformant array headers and [string] coding. Generated code calls these
 * instead of repeating the same checks at every array and string.
 *
 * Every pull helper returns NDR_ERR_SUCCESS or an ndr_pull_error() code; nothing here aborts.
 */
#ifndef SAMBEX_NDR_H
#define SAMBEX_NDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ndr.h>
#include <gen_ndr/misc.h>

/* How deeply a recursive type (NSPI restrictions) may nest before a pull is refused. */
#define SAMBEX_NDR_MAX_DEPTH 256

/*
 * The fault for an opnum reserved for local use: nca_op_rng_error (C706 appendix N), which clients
 * report as RPC_S_PROCNUM_OUT_OF_RANGE (MS-RPCE 3.1.1.5.5). The specs name no other error.
 */
#define SAMBEX_NDR_FAULT_OP_RNG_ERROR 0x1c010002U

/* What the server side needs to know about one opnum beyond the libndr call table. */
struct sambex_ndr_call_info {
	const char *name;
	bool reserved;		/* not used on the wire: answer with fault */
	uint32_t fault;		/* the fault code for a reserved opnum, else 0 */
};

/* The talloc context pulled data is allocated on: the pull's current context, else the pull. */
TALLOC_CTX *sambex_ndr_mem(struct ndr_pull *ndr);

/*
 * Counts one level of a recursive type. Returns NDR_ERR_MAX_RECURSION_EXCEEDED past
 * SAMBEX_NDR_MAX_DEPTH levels. Pair with sambex_ndr_depth_leave() on success.
 */
enum ndr_err_code sambex_ndr_depth_enter(struct ndr_pull *ndr);
void sambex_ndr_depth_leave(struct ndr_pull *ndr);

/*
 * Refuses an array of count elements, each at least elem_min bytes on the wire, that cannot fit
 * in what is left of the buffer: checked before allocating, so a forged count costs nothing.
 * Returns NDR_ERR_BUFSIZE when it does not fit.
 */
enum ndr_err_code sambex_ndr_check_count(struct ndr_pull *ndr, uint32_t count, size_t elem_min);

/* Returns NDR_ERR_RANGE unless lo <= v <= hi; what names the value in the error text. */
enum ndr_err_code sambex_ndr_check_range(struct ndr_pull *ndr, int64_t v, int64_t lo, int64_t hi,
					 const char *what);

/* Returns NDR_ERR_ARRAY_SIZE unless the wire count equals the count the fields imply. */
enum ndr_err_code sambex_ndr_check_size(struct ndr_pull *ndr, uint32_t wire, uint32_t expected,
					const char *what);

/*
 * Conformant / varying array headers (C706 14.3.3): the maximum count, and for a varying array
 * the offset (must be 0 here) and the actual count (at most the maximum).
 * Pull returns NDR_ERR_ARRAY_SIZE on a non-zero offset or a length above the size.
 */
enum ndr_err_code sambex_ndr_pull_conformance(struct ndr_pull *ndr, uint32_t *size);
enum ndr_err_code sambex_ndr_pull_variance(struct ndr_pull *ndr, uint32_t size, uint32_t *length);
enum ndr_err_code sambex_ndr_push_conformance(struct ndr_push *ndr, uint32_t size);
enum ndr_err_code sambex_ndr_push_variance(struct ndr_push *ndr, uint32_t length);

/*
 * [string] (conformant varying, NUL-terminated) of charsize 1 (8-bit, carried as raw bytes) or
 * 2 (UTF-16LE on the wire, UTF-8 in C). Pull stores a new NUL-terminated string on mem and the
 * wire maximum count in *size_r; it returns NDR_ERR_STRING for a missing or early terminator and
 * NDR_ERR_CHARCNV for invalid UTF-16. Push writes maximum count = size when has_size (it must
 * cover the string), else the string's own length; NDR_ERR_CHARCNV for invalid UTF-8.
 */
enum ndr_err_code sambex_ndr_pull_string(struct ndr_pull *ndr, TALLOC_CTX *mem, unsigned charsize,
					 const char **s, uint32_t *size_r);
enum ndr_err_code sambex_ndr_push_string(struct ndr_push *ndr, unsigned charsize, const char *s,
					 bool has_size, uint32_t size);

#endif
