export { logger } from './logger.js';
