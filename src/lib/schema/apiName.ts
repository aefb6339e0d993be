/**
 * What an object's API name can look like (`Account`, `ns__Invoice__c`), and so safe in a request's URL as it
 * is: anything else cannot name an object, and is not asked of an org.
 */
export const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
