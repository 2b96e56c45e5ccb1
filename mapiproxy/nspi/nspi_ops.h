/*
 * nspi_ops: the NSPI interface's operations (MS-OXNSPI 3.1.4), for the engine dispatcher.
 * Built so far: NspiBind and NspiUnbind; the address book itself comes with issue 7.
 */
#ifndef SAMBEX_NSPI_OPS_H
#define SAMBEX_NSPI_OPS_H

#include "engine_ndr.h"

extern const struct engine_ndr_iface nspi_ndr_iface;

/* True if the engine serves 8-bit strings in that code page (MS-OXNSPI 3.1.4.1.1 rule 5). */
bool nspi_codepage_supported(uint32_t code_page);

#endif
