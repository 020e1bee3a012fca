/**
 * AttachmentUpload: a Formily field uploading files to the attachments API; the value
 * is the list `[{ id, name, size, sha256 }]` the server validates and keeps with the item.
 */
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { connect, mapProps, mapReadPretty } from '@formily/react';
import { Button, Upload } from 'antd';
import type { UploadFile } from 'antd';
import React, { useState } from 'react';
import { useFormScope } from '@/components/FormRenderer/context';
import { attachmentUrl, formatSize, uploadAttachment, type AttachmentRef } from '@/services/attachments';
import { errorMessage } from '@/services/errors';

/** Largest file accepted before uploading (the server checks again). */
const MAX_BYTES = 50 * 1024 * 1024;

interface AttachmentInputProps {
  value?: AttachmentRef[];
  onChange?: (value: AttachmentRef[]) => void;
  disabled?: boolean;
  readOnly?: boolean;
}

function toUploadFile(a: AttachmentRef): UploadFile {
  return { uid: a.id, name: a.name, status: 'done', url: attachmentUrl(a.id), size: a.size };
}

function AttachmentInput({ value, onChange, disabled, readOnly }: AttachmentInputProps) {
  const { itemId } = useFormScope();
  const files = Array.isArray(value) ? value : [];
  // Files being uploaded or refused, shown until they succeed or are removed.
  const [pending, setPending] = useState<UploadFile[]>([]);
  const locked = disabled || readOnly;

  return (
    <Upload
      multiple
      disabled={locked}
      fileList={[...files.map(toUploadFile), ...pending]}
      beforeUpload={(file) => {
        if (file.size > MAX_BYTES) {
          setPending((p) => [...p, { uid: file.uid, name: file.name, status: 'error', response: '文件超过 50 MB，无法上传' }]);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        const f = file as File & { uid: string };
        setPending((p) => [...p, { uid: f.uid, name: f.name, status: 'uploading' }]);
        uploadAttachment(f, itemId)
          .then((ref) => {
            setPending((p) => p.filter((x) => x.uid !== f.uid));
            onChange?.([...(Array.isArray(value) ? value : []), ref]);
            onSuccess?.(ref);
          })
          .catch((err) => {
            const message = errorMessage(err);
            setPending((p) => p.map((x) => (x.uid === f.uid ? { ...x, status: 'error', response: message } : x)));
            onError?.(new Error(message));
          });
      }}
      onRemove={(file) => {
        if (locked) return false;
        if (files.some((a) => a.id === file.uid)) onChange?.(files.filter((a) => a.id !== file.uid));
        else setPending((p) => p.filter((x) => x.uid !== file.uid));
        return true;
      }}
      showUploadList={{ showRemoveIcon: !locked }}
    >
      {!locked && <Button icon={<UploadOutlined />}>上传附件</Button>}
    </Upload>
  );
}

/** Read-only display: download links. */
export function AttachmentList({ value }: { value?: AttachmentRef[] }) {
  const files = Array.isArray(value) ? value : [];
  if (files.length === 0) return <span className="duban-muted">无附件</span>;
  return (
    <ul className="duban-attachments">
      {files.map((a) => (
        <li key={a.id}>
          <PaperClipOutlined />{' '}
          <a href={attachmentUrl(a.id)} target="_blank" rel="noreferrer">
            {a.name}
          </a>{' '}
          <span className="duban-muted">{formatSize(a.size)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The Formily AttachmentUpload component. */
const AttachmentUpload = connect(AttachmentInput, mapProps(), mapReadPretty(AttachmentList));
export default AttachmentUpload;
