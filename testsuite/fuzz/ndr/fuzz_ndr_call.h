/*
 * Shared body of the per-interface NDR fuzz targets (fuzz_ndr_<iface>.c).
 */
#ifndef SAMBEX_FUZZ_NDR_CALL_H
#define SAMBEX_FUZZ_NDR_CALL_H

#include <stddef.h>
#include <stdint.h>

#include <ndr.h>

/*
 * The first byte picks the opnum (modulo the table's call count); the rest is a request stub,
 * pulled with NDR_IN, and then the same bytes as a response stub, pulled with NDR_OUT. Whatever
 * pulls must print, push, pull back from the pushed bytes and push to the same bytes again;
 * anything else aborts (a crash for libFuzzer). Always returns 0.
 */
int fuzz_ndr_call(const struct ndr_interface_table *table, const uint8_t *data, size_t size);

#endif
