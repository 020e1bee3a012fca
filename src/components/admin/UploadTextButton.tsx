import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef } from 'react';

/** A button that opens the file chooser and hands over the chosen file's text (or its bytes) and name (the same file may be chosen again). */
export default function UploadTextButton(props: {
  children: React.ReactNode;
  accept: string;
  onText?: (text: string, fileName: string) => void | Promise<void>;
  /** Instead of the text read as UTF-8: the file's bytes, for files that declare their own encoding. */
  onBytes?: (bytes: Uint8Array, fileName: string) => void | Promise<void>;
  icon?: React.ReactNode;
  disabled?: boolean;
  testId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={props.icon ?? <UploadOutlined />} onClick={() => input.current?.click()} disabled={props.disabled}>
        {props.children}
      </Button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        style={{ display: 'none' }}
        data-testid={props.testId}
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          if (props.onBytes) await props.onBytes(new Uint8Array(await f.arrayBuffer()), f.name);
          else await props.onText?.(await f.text(), f.name);
        }}
      />
    </>
  );
}
