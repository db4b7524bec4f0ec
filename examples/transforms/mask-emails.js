// map_filter transform for streamkap-gitops examples: masks e-mail addresses before they leave the source.
function _streamkap_transform(valueObject, keyObject, topic, timestamp) {
  if (valueObject && typeof valueObject.email === 'string') {
    valueObject.email = valueObject.email.replace(/^[^@]+/, '***');
  }
  return valueObject;
}
