/*
 * Benchmarks for libmapi/wire: LZ77 compression and decompression (MS-OXCRPC 3.1.4.1.1.2) of a
 * realistic 32 KB ROP response payload, against memcpy of the same bytes in the same run, plus the
 * compressed size. The payload imitates RopQueryRows rows (MS-OXCROPS 2.2.5.4): per row a status
 * byte, a message ID, entry IDs sharing a long prefix, a FILETIME, integers and UTF-16 subjects
 * and sender names drawn from a small vocabulary, as a mailbox listing has.
 */
#include <string.h>

#include "bench.h"
#include "mapi_lz77.h"

#define PAYLOAD_BYTES 32768
#define MIN_SECONDS 0.5

static uint32_t rng_state = 0x2545F491;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static size_t put(uint8_t *buf, size_t pos, const void *src, size_t n)
{
	if (pos + n > PAYLOAD_BYTES) {
		n = PAYLOAD_BYTES - pos;
	}
	memcpy(buf + pos, src, n);
	return pos + n;
}

static size_t put_utf16(uint8_t *buf, size_t pos, const char *ascii)
{
	for (; *ascii != '\0' && pos + 2 <= PAYLOAD_BYTES; ascii++) {
		buf[pos++] = (uint8_t)*ascii;
		buf[pos++] = 0;
	}
	return put(buf, pos, "\0\0", 2);
}

static void make_payload(uint8_t *buf)
{
	static const char *subjects[] = {
		"Weekly status report", "RE: Budget review Q3", "Lunch on Friday?",
		"FW: Build failures on main", "Meeting notes", "Invoice 2026-0193",
		"Your order has shipped", "RE: RE: Holiday schedule",
	};
	static const char *senders[] = { "Jane Doe", "Bob Martin", "Alice Ng", "IT Helpdesk",
		"noreply@shop.example" };
	static const uint8_t eid_prefix[] = {
		0x00, 0x00, 0x00, 0x00, 0x1B, 0x55, 0xFA, 0x20, 0xAA, 0x66, 0x11,
		0xCD, 0x9B, 0xC8, 0x00, 0xAA, 0x00, 0x2F, 0xC4, 0x5A, 0x07, 0x00,
	};
	uint64_t filetime = 0x01DC5A1B2C3D4E5FULL, mid = 0x0001000000012A00ULL;
	size_t pos = 0;

	while (pos < PAYLOAD_BYTES) {
		uint32_t size = 1000 + rng() % 200000, flags = rng() % 4 ? 1 : 0x11;
		uint8_t tail[24];

		for (size_t i = 0; i < sizeof(tail); i++) {
			tail[i] = (uint8_t)rng();
		}
		pos = put(buf, pos, "\0", 1);				/* row status */
		mid += 0x10000;
		pos = put(buf, pos, &mid, 8);				/* PidTagMid */
		pos = put(buf, pos, "\x46\x00", 2);			/* entry ID size */
		pos = put(buf, pos, eid_prefix, sizeof(eid_prefix));
		pos = put(buf, pos, tail, sizeof(tail));
		pos = put(buf, pos, eid_prefix, sizeof(eid_prefix));
		filetime += rng() % 100000000;
		pos = put(buf, pos, &filetime, 8);	/* PidTagMessageDeliveryTime */
		pos = put(buf, pos, &size, 4);		/* PidTagMessageSize */
		pos = put(buf, pos, &flags, 4);		/* PidTagMessageFlags */
		pos = put_utf16(buf, pos, subjects[rng() % 8]);
		pos = put_utf16(buf, pos, senders[rng() % 5]);
		pos = put_utf16(buf, pos, "IPM.Note");
	}
}

static double mbs(double bytes, double seconds)
{
	return bytes / seconds / (1024.0 * 1024.0);
}

int main(void)
{
	static uint8_t payload[PAYLOAD_BYTES], copy[PAYLOAD_BYTES], plain[PAYLOAD_BYTES];
	static uint8_t packed[PAYLOAD_BYTES + PAYLOAD_BYTES / 8 + 64];
	size_t packed_len = 0;
	double t0, elapsed, memcpy_mbs, comp_mbs, decomp_mbs;
	long rounds;

	make_payload(payload);
	for (rounds = 0, t0 = bench_now(); (elapsed = bench_now() - t0) < MIN_SECONDS; rounds++) {
		memcpy(copy, payload, PAYLOAD_BYTES);
		bench_consume(copy);
	}
	memcpy_mbs = mbs((double)PAYLOAD_BYTES * rounds, elapsed);

	for (rounds = 0, t0 = bench_now(); (elapsed = bench_now() - t0) < MIN_SECONDS; rounds++) {
		if (mapi_lz77_compress_buf(payload, PAYLOAD_BYTES, packed, sizeof(packed),
					   &packed_len) != 0) {
			return 1;
		}
		bench_consume(packed);
	}
	comp_mbs = mbs((double)PAYLOAD_BYTES * rounds, elapsed);

	for (rounds = 0, t0 = bench_now(); (elapsed = bench_now() - t0) < MIN_SECONDS; rounds++) {
		if (mapi_lz77_decompress_buf(packed, packed_len, plain, PAYLOAD_BYTES) != 0) {
			return 1;
		}
		bench_consume(plain);
	}
	decomp_mbs = mbs((double)PAYLOAD_BYTES * rounds, elapsed);
	if (memcmp(plain, payload, PAYLOAD_BYTES) != 0) {
		return 1;
	}

	bench_report("wire.memcpy_32k", memcpy_mbs, "MB/s");
	bench_report("wire.lz77_compress_32k", comp_mbs, "MB/s");
	bench_ratio("wire.lz77_compress_vs_memcpy", comp_mbs, memcpy_mbs);
	bench_report("wire.lz77_decompress_32k", decomp_mbs, "MB/s");
	bench_ratio("wire.lz77_decompress_vs_memcpy", decomp_mbs, memcpy_mbs);
	bench_report("wire.lz77_compressed_size_32k", (double)packed_len, "bytes");
	bench_report("wire.lz77_compressed_percent",
		     100.0 * (double)packed_len / PAYLOAD_BYTES, "%");
	return 0;
}
