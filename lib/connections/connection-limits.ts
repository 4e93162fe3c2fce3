/**
 * A connection body can hold a CA bundle (48 KiB) and a service-account key
 * (16 KiB) besides its settings: above the API's default 64 KiB cap.
 */
export const connectionBodyBytes = 96 * 1024;
