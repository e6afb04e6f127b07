/** The shapes of the AWS identifiers a user gives (flags and the config file check them alike). */

/** An AWS Region: `eu-west-1`, `us-gov-west-1`, `ap-southeast-4`. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;
export const REGION_EXPECTED = 'an AWS Region such as eu-west-1';

/** An AWS account ID: 12 digits. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
export const ACCOUNT_ID_EXPECTED = 'a 12-digit AWS account ID';
