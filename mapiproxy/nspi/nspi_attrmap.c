/*
 * nspi_attrmap: the property table. Property IDs and types are those of MS-OXPROPS / MS-OXOABK;
 * the attribute of each mapped property is the one whose mAPIID (MS-ADA1/2/3, Samba's
 * ad-schema/MS-AD_Schema_2K8_R2_Attributes.txt) is the property ID, except PidTagDisplayName and
 * PidTagEmailAddress, which MS-OXOABK 2.2.3.1 and 2.2.3.14 define on displayName and
 * legacyExchangeDN.
 */
#include <stddef.h>

#include "nspi_attrmap.h"

const struct nspi_attrmap_entry nspi_attrmap[] = {
	/* Required by MS-OXNSPI 3.1.4.2 for every object, computed. */
	{ 0x0FFF0102, NULL, NSPI_SRC_ENTRY_ID, "PidTagEntryId" },
	{ 0x0FF90102, NULL, NSPI_SRC_RECORD_KEY, "PidTagRecordKey" },
	{ 0x0FF60102, NULL, NSPI_SRC_INSTANCE_KEY, "PidTagInstanceKey" },
	{ 0x300B0102, NULL, NSPI_SRC_SEARCH_KEY, "PidTagSearchKey" },
	{ 0x0FF80102, NULL, NSPI_SRC_MAPPING_SIGNATURE, "PidTagMappingSignature" },
	{ 0x0FFE0003, NULL, NSPI_SRC_OBJECT_TYPE, "PidTagObjectType" },
	{ 0x39000003, NULL, NSPI_SRC_DISPLAY_TYPE, "PidTagDisplayType" },
	{ 0x3002001F, NULL, NSPI_SRC_ADDRESS_TYPE, "PidTagAddressType" },
	{ 0x3003001F, NULL, NSPI_SRC_EMAIL_ADDRESS, "PidTagEmailAddress" },
	{ 0xFFFD0003, NULL, NSPI_SRC_CONTAINER_ID, "PidTagAddressBookContainerId" },
	{ 0x3F080003, NULL, NSPI_SRC_ZERO, "PidTagInitialDetailsPane" },
	/* Directory attributes (attribute → property by mAPIID unless noted above). */
	{ 0x3001001F, "displayName", NSPI_SRC_ATTRIBUTE, "PidTagDisplayName" },
	{ 0x3A20001F, "displayName", NSPI_SRC_ATTRIBUTE, "PidTagTransmittableDisplayName" },
	{ 0x39FF001F, "displayNamePrintable", NSPI_SRC_ATTRIBUTE,
	  "PidTagAddressBookDisplayNamePrintable" },
	{ 0x39FE001F, "mail", NSPI_SRC_ATTRIBUTE, "PidTagSmtpAddress" },
	/* MS-OXOABK 2.2.3.20: the object's alias; AD's alias is the account name. */
	{ 0x3A00001F, "sAMAccountName", NSPI_SRC_ATTRIBUTE, "PidTagAccount" },
	{ 0x3A06001F, "givenName", NSPI_SRC_ATTRIBUTE, "PidTagGivenName" },
	{ 0x3A11001F, "sn", NSPI_SRC_ATTRIBUTE, "PidTagSurname" },
	{ 0x3A0A001F, "initials", NSPI_SRC_ATTRIBUTE, "PidTagInitials" },
	{ 0x3A16001F, "company", NSPI_SRC_ATTRIBUTE, "PidTagCompanyName" },
	{ 0x3A18001F, "department", NSPI_SRC_ATTRIBUTE, "PidTagDepartmentName" },
	{ 0x3A17001F, "title", NSPI_SRC_ATTRIBUTE, "PidTagTitle" },
	{ 0x3A19001F, "physicalDeliveryOfficeName", NSPI_SRC_ATTRIBUTE, "PidTagOfficeLocation" },
	{ 0x3A08001F, "telephoneNumber", NSPI_SRC_ATTRIBUTE, "PidTagBusinessTelephoneNumber" },
	{ 0x3A1C001F, "mobile", NSPI_SRC_ATTRIBUTE, "PidTagMobileTelephoneNumber" },
	{ 0x3A09001F, "homePhone", NSPI_SRC_ATTRIBUTE, "PidTagHomeTelephoneNumber" },
	{ 0x3A21001F, "pager", NSPI_SRC_ATTRIBUTE, "PidTagPagerTelephoneNumber" },
	{ 0x3A23001F, "facsimileTelephoneNumber", NSPI_SRC_ATTRIBUTE,
	  "PidTagPrimaryFaxNumber" },
	{ 0x3A29001F, "streetAddress", NSPI_SRC_ATTRIBUTE, "PidTagStreetAddress" },
	{ 0x3A27001F, "l", NSPI_SRC_ATTRIBUTE, "PidTagLocality" },
	{ 0x3A28001F, "st", NSPI_SRC_ATTRIBUTE, "PidTagStateOrProvince" },
	{ 0x3A2A001F, "postalCode", NSPI_SRC_ATTRIBUTE, "PidTagPostalCode" },
	{ 0x3A26001F, "co", NSPI_SRC_ATTRIBUTE, "PidTagCountry" },
	{ 0x3004001F, "info", NSPI_SRC_ATTRIBUTE, "PidTagComment" },
	{ 0x803C001F, "distinguishedName", NSPI_SRC_ATTRIBUTE,
	  "PidTagAddressBookObjectDistinguishedName" },
	{ 0x800F101F, "proxyAddresses", NSPI_SRC_ATTRIBUTE, "PidTagAddressBookProxyAddresses" },
	{ 0x8C6D0102, "objectGUID", NSPI_SRC_ATTRIBUTE, "PidTagAddressBookObjectGuid" },
	{ 0x3A701102, "userSMIMECertificate", NSPI_SRC_ATTRIBUTE, "PidTagUserX509Certificate" },
	{ 0x8C6A1102, "userCertificate", NSPI_SRC_ATTRIBUTE, "PidTagAddressBookX509Certificate" },
	/* Links: PtypEmbeddedTable, read as tables, never as values (MS-OXOABK 2.2.5, 2.2.6). */
	{ 0x8005000D, "manager", NSPI_SRC_ATTRIBUTE, "PidTagAddressBookManager" },
	{ 0x800E000D, "directReports", NSPI_SRC_ATTRIBUTE, "PidTagAddressBookReports" },
	{ 0x8008000D, "memberOf", NSPI_SRC_ATTRIBUTE,
	  "PidTagAddressBookIsMemberOfDistributionList" },
	{ 0x8009000D, "member", NSPI_SRC_ATTRIBUTE, "PidTagAddressBookMember" },
};

const size_t nspi_attrmap_count = sizeof(nspi_attrmap) / sizeof(nspi_attrmap[0]);

int nspi_attrmap_is_string_type(uint32_t type)
{
	return type == NSPI_PT_STRING8 || type == NSPI_PT_UNICODE ||
	       type == NSPI_PT_MV_STRING8 || type == NSPI_PT_MV_UNICODE;
}

/* A string type asked in its 8-bit form reads as the canonical Unicode tag. */
static uint32_t canonical(uint32_t tag)
{
	uint32_t type = NSPI_PROP_TYPE(tag);

	if (type == NSPI_PT_STRING8) {
		return (tag & 0xFFFF0000U) | NSPI_PT_UNICODE;
	}
	if (type == NSPI_PT_MV_STRING8) {
		return (tag & 0xFFFF0000U) | NSPI_PT_MV_UNICODE;
	}
	return tag;
}

const struct nspi_attrmap_entry *nspi_attrmap_find(uint32_t tag)
{
	uint32_t want = canonical(tag);

	for (size_t i = 0; i < nspi_attrmap_count; i++) {
		if (nspi_attrmap[i].tag == want) {
			return &nspi_attrmap[i];
		}
	}
	return NULL;
}

const char * const *nspi_attrmap_attributes(void)
{
	/* Mapped attributes + objectClass (types) + legacyExchangeDN (DNs) + the hiding flag. */
	static const char *attrs[sizeof(nspi_attrmap) / sizeof(nspi_attrmap[0]) + 4];

	if (attrs[0] == NULL) {
		size_t n = 0;

		attrs[n++] = "objectClass";
		attrs[n++] = "legacyExchangeDN";
		attrs[n++] = "msExchHideFromAddressLists";
		for (size_t i = 0; i < nspi_attrmap_count; i++) {
			if (nspi_attrmap[i].attribute != NULL) {
				attrs[n++] = nspi_attrmap[i].attribute;
			}
		}
		attrs[n] = NULL;
	}
	return attrs;
}
