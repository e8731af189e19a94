/**
 * A branch's or head office's code (机构号): 1–20 letters or digits. It names folders and
 * package files on a USB stick or a shared folder (`<folder>/<code>/<from>-<to>-000001…`),
 * so nothing that could climb out of them (`..`, `/`, `\`) or trouble Windows is let in.
 */
export const ORG_CODE_PATTERN = /^[A-Za-z0-9]{1,20}$/;
export const ORG_CODE_MESSAGE = '机构号应为 1–20 位字母或数字';
