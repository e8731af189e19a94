/** A core-system export as CSV (UTF-8 with BOM): `rows` loans in one village, two loans per household. */
export function loanCsv(rows: number, village = '城庄村'): Buffer {
  const lines = ['客户编号,借款人姓名,身份证号码,手机号,住址,贷款账号,产品名称,余额'];
  for (let i = 0; i < rows; i++) {
    const household = Math.floor(i / 2);
    lines.push(`C${900000 + household},张${household},,13800138000,临县白文镇${village}${i % 9}组,9${String(i).padStart(10, '0')},农户小额信用贷款,${1000 + i}`);
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
}
