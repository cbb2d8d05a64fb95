import { Button, Input, Space, Typography } from 'antd';
import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

const WIDTH = 480;
const HEIGHT = 160;

/**
 * The customer signs on a canvas (mouse, pen, touch). Keyboard and screen-reader users type
 * the customer's name instead; it is drawn onto the canvas, so either way a PNG is saved.
 */
export function SignaturePad({ onSave, busy }: { onSave: (png: Blob) => void; busy: boolean }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [drawn, setDrawn] = useState(false);
  const [typed, setTyped] = useState('');

  const context = () => {
    const ctx = canvas.current!.getContext('2d')!;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#1f1f1f';
    return ctx;
  };
  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = canvas.current!.getBoundingClientRect();
    return [
      ((event.clientX - rect.left) * WIDTH) / rect.width,
      ((event.clientY - rect.top) * HEIGHT) / rect.height,
    ] as const;
  };
  const clear = () => {
    context().clearRect(0, 0, WIDTH, HEIGHT);
    setDrawn(false);
    setTyped('');
  };
  const save = () => {
    if (!drawn && typed.trim()) {
      const ctx = context();
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      ctx.font = 'italic 36px serif';
      ctx.fillStyle = '#1f1f1f';
      ctx.fillText(typed.trim(), 16, HEIGHT / 2 + 12);
    }
    canvas.current!.toBlob((blob) => blob && onSave(blob), 'image/png');
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('field.signatureHelp')}</Typography.Text>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        data-testid="signature-canvas"
        aria-label={t('field.signature')}
        role="img"
        style={{
          border: '1px solid #d9d9d9',
          borderRadius: 6,
          maxWidth: '100%',
          touchAction: 'none',
          background: '#fff',
        }}
        onPointerDown={(event) => {
          drawing.current = true;
          canvas.current!.setPointerCapture(event.pointerId);
          const [x, y] = point(event);
          const ctx = context();
          ctx.beginPath();
          ctx.moveTo(x, y);
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          const [x, y] = point(event);
          const ctx = context();
          ctx.lineTo(x, y);
          ctx.stroke();
          setDrawn(true);
        }}
        onPointerUp={() => (drawing.current = false)}
      />
      <Input
        aria-label={t('field.typedName')}
        placeholder={t('field.typedName')}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        maxLength={100}
        data-testid="signature-typed-name"
      />
      <Space>
        <Button onClick={clear}>{t('field.clear')}</Button>
        <Button
          type="primary"
          disabled={!drawn && !typed.trim()}
          loading={busy}
          onClick={save}
          data-testid="signature-save"
        >
          {t('field.saveSignature')}
        </Button>
      </Space>
    </Space>
  );
}
