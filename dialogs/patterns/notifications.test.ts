import { describe, expect, it } from 'vitest';
import { notificationRequest } from './notifications.js';

describe('notification_settings phrases (a closed class)', () => {
  it.each([
    ['stop delivery notifications', { enabled: false }],
    ['please turn off the alerts', { enabled: false }],
    ["don't send me updates anymore", { enabled: false }],
    ['notifications off', { enabled: false }],
    ['배송 알림 꺼줘', { enabled: false }],
    ['알림 그만 보내', { enabled: false }],
    ['알림 받지 않을래요', { enabled: false }],
    ['turn them back on', { enabled: true }],
    ['turn notifications back on', { enabled: true }],
    ['resume delivery alerts', { enabled: true }],
    ['알림 다시 켜줘', { enabled: true }],
    ['배송 알림 켜 주세요', { enabled: true }],
    ['카톡으로만 보내줘', { enabled: true, channel: 'kakao' }],
    ['KakaoTalk only please', { enabled: true, channel: 'kakao' }],
    ['문자로만 알려줘', { enabled: true, channel: 'sms' }],
  ])('"%s" is %j', (text, wanted) => {
    expect(notificationRequest(text)).toEqual(wanted);
  });

  it.each([
    'stop',
    'stop it',
    'cancel my order',
    'where is my order?',
    'reorder the wipes',
    'move it to friday evening',
    '그만',
    '주문 취소해줘',
    '물티슈 모레 오전으로 배송 바꿔줘',
    '라면 무인택배함으로 보내줘',
    'turn left at the gate',
  ])('"%s" is not about notifications', (text) => {
    expect(notificationRequest(text)).toBeNull();
  });
});
