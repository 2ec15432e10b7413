import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveMediaType, sniffMediaType } from './sniff-media-type.ts';

test('the extension of the path gives the media type, whatever its case or query', () => {
  assert.equal(sniffMediaType('https://cdn.example.com/ep/1.MP3?token=a.b'), 'audio/mpeg');
  assert.equal(sniffMediaType('https://cdn.example.com/clip.webm#t=3'), 'video/webm');
  assert.equal(sniffMediaType('https://cdn.example.com/photo.jpeg'), 'image/jpeg');
  assert.equal(sniffMediaType('https://cdn.example.com/dir.mp3/file'), undefined);
  assert.equal(sniffMediaType('https://cdn.example.com/download?file=a.mp3'), undefined);
  assert.equal(sniffMediaType('not a url.mp3'), undefined);
});

test('a declared type wins unless it says nothing', () => {
  assert.equal(effectiveMediaType('audio/x-m4a', 'https://a.example/x.mp3'), 'audio/x-m4a');
  assert.equal(effectiveMediaType('application/octet-stream', 'https://a.example/x.mp3'), 'audio/mpeg');
  assert.equal(effectiveMediaType(undefined, 'https://a.example/x.mp4'), 'video/mp4');
  assert.equal(effectiveMediaType(' ', 'https://a.example/x'), 'application/octet-stream');
});
