import { WRITE_WAIT_SECONDS } from '../../../electron/shared/api/calls';

/** What a page says while its call's write waits for the write lock another program holds (the 'write.waiting' event). */
export const WRITE_WAITING_TEXT = `另一个程序正在写入数据库（例如命令行导入），正在等它写完（最多 ${WRITE_WAIT_SECONDS} 秒）…`;
