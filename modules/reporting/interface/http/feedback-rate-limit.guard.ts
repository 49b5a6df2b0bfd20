import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ReportingSettings } from '../../infrastructure/reporting-settings';

const WINDOW_MS = 60 * 60_000;

/**
 * A light limit on anonymous feedback per client address: a fixed one-hour window, in memory (per
 * instance). As a guard it runs before validation, so refused attempts count too. Addresses are
 * never stored or logged.
 */
@Injectable()
export class FeedbackRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(@Inject(ReportingSettings) private readonly settings: ReportingSettings) {}

  canActivate(context: ExecutionContext): boolean {
    this.take(context.switchToHttp().getRequest<FastifyRequest>().ip);
    return true;
  }

  take(address: string, now = Date.now()): void {
    if (this.windows.size > 50_000) this.sweep(now);
    const window = this.windows.get(address);
    if (!window || now - window.start >= WINDOW_MS) {
      this.windows.set(address, { start: now, count: 1 });
      return;
    }
    if (window.count >= this.settings.feedbackPerIpPerHour) throw new HttpException('Too many requests', HttpStatus.TOO_MANY_REQUESTS);
    window.count++;
  }

  private sweep(now: number): void {
    for (const [address, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(address);
  }
}
