/*
 * The MAPI status codes of MS-OXCDATA 2.4, as one X-macro list: the single source of the
 * enum in mapi_status.h and of the name <-> value tables in mapi_status.c.
 *
 * MAPI_STATUS(c_name, value, "SpecName", "alternate names, space separated")
 *   c_name    the C enumerator: the MAPI_E_/MAPI_W_ alternate name where the spec lists one,
 *             else the ec* name, else MAPI_STATUS_<SpecName>; unique across the list
 *   value     the 32-bit value as the spec gives it (hex)
 *   SpecName  the "Error code name" column of the spec table
 *   alternates  the names in parentheses of the spec's description column, in the spec's order
 *
 * No include guard: include it only with MAPI_STATUS defined.
 */

/* MS-OXCDATA 2.4 Error Codes */
MAPI_STATUS(MAPI_E_SUCCESS, 0x00000000, "Success", "S_OK SUCCESS_SUCCESS")
MAPI_STATUS(MAPI_E_CALL_FAILED, 0x80004005, "GeneralFailure", "E_FAIL MAPI_E_CALL_FAILED ecError SYNC_E_ERROR")
MAPI_STATUS(MAPI_E_NOT_ENOUGH_MEMORY, 0x8007000E, "OutOfMemory", "E_NOMEMORY MAPI_E_NOT_ENOUGH_MEMORY ecMAPIOOM ecPropSize")
MAPI_STATUS(MAPI_E_INVALID_PARAMETER, 0x80070057, "InvalidParameter", "E_INVALIDARG MAPI_E_INVALID_PARAMETER ecInvalidParam ecInvalidSession ecBadBuffer SYNC_E_INVALID_PARAMETER")
MAPI_STATUS(MAPI_E_INTERFACE_NOT_SUPPORTED, 0x80004002, "NoInterface", "E_NOINTERFACE MAPI_E_INTERFACE_NOT_SUPPORTED ecinterfacenotsupported")
MAPI_STATUS(MAPI_E_NO_ACCESS, 0x80070005, "AccessDenied", "E_ACCESSDENIED MAPI_E_NO_ACCESS ecaccessdenied ecpropsecurityviolation")
MAPI_STATUS(MAPI_STATUS_StorageInvalidFunction, 0x80030001, "StorageInvalidFunction", "STG_E_INVALIDFUNCTION")

/* MS-OXCDATA 2.4.1 Additional Error Codes */
MAPI_STATUS(ecJetError, 0x000003EA, "IsamError", "ecJetError")
MAPI_STATUS(ecUnknownUser, 0x000003EB, "UnknownUser", "ecUnknownUser")
MAPI_STATUS(ecExiting, 0x000003ED, "Exiting", "ecExiting")
MAPI_STATUS(ecBadConfig, 0x000003EE, "BadConfiguration", "ecBadConfig")
MAPI_STATUS(ecUnknownCodePage, 0x000003EF, "UnknownCodePage", "ecUnknownCodePage")
MAPI_STATUS(ecServerOOM, 0x000003F0, "ServerMemory", "ecServerOOM ecMemory")
MAPI_STATUS(ecLoginPerm, 0x000003F2, "LoginPermission", "ecLoginPerm")
MAPI_STATUS(ecDatabaseRolledBack, 0x000003F3, "DatabaseRolledBack", "ecDatabaseRolledBack")
MAPI_STATUS(ecDatabaseCopiedError, 0x000003F4, "DatabaseCopiedError", "ecDatabaseCopiedError")

/* MS-OXCDATA 2.4.2 Property Error Codes */
MAPI_STATUS(MAPI_STATUS_NotEnoughMemory, 0x8007000E, "NotEnoughMemory", "E_NOMEMORY MAPI_E_NOT_ENOUGH_MEMORY")
MAPI_STATUS(MAPI_E_NOT_FOUND, 0x8004010F, "NotFound", "MAPI_E_NOT_FOUND")
MAPI_STATUS(MAPI_E_BAD_VALUE, 0x80040301, "BadValue", "MAPI_E_BAD_VALUE ecPropBadValue")
